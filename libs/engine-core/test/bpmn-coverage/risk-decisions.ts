// The decision the business rule task row calls: a UNIQUE table on `amount`, as readDmn builds it
// from the Camunda Modeler's DMN (libs/bpmn/src/dmn reads and tests the XML itself).
import type { DecisionRequirementsModel } from '@baton/bpmn/dmn';

export const RISK_DECISIONS: DecisionRequirementsModel = {
  decisionRequirementsId: 'risk-drg',
  name: 'Risk',
  namespace: 'https://baton.example/dmn',
  inputData: [],
  decisions: [
    {
      decisionId: 'risk',
      name: 'Risk',
      resultName: 'risk',
      requiredDecisionIds: [],
      logic: {
        kind: 'decisionTable',
        hitPolicy: 'UNIQUE',
        inputs: [{ inputId: 'amount-input', inputName: 'Amount', expression: 'amount' }],
        outputs: [{ outputId: 'risk-output', name: 'risk', outputName: 'Risk' }],
        rules: [
          { ruleId: 'low', inputEntries: ['< 1000'], outputEntries: ['"low"'] },
          { ruleId: 'high', inputEntries: ['>= 1000'], outputEntries: ['"high"'] },
        ],
      },
    },
  ],
};
