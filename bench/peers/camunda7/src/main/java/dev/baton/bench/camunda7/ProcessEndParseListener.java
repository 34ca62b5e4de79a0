package dev.baton.bench.camunda7;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Attaches the completion listener to the end of every deployed process, so the BPMN files stay
 * free of harness-specific listeners.
 */
final class ProcessEndParseListener extends AbstractBpmnParseListener {
  private final ExecutionListener endListener;

  ProcessEndParseListener(ExecutionListener endListener) {
    this.endListener = endListener;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    // Built-in rather than user listener: it is engine plumbing here, like the history listeners.
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, endListener);
  }
}
