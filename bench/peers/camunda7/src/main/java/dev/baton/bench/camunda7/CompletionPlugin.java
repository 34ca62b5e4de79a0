package dev.baton.bench.camunda7;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Makes the engine report every ended process instance, so the harness learns of completions
 * without polling the database (which would add load the measured engine does not have).
 */
final class CompletionPlugin extends AbstractProcessEnginePlugin {
  private final CompletionListener listener;

  CompletionPlugin(CompletionListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
    if (listeners == null) listeners = new ArrayList<>();
    listeners.add(new ProcessEndParseListener(new CommittedEndListener(listener)));
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
