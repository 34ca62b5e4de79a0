import { describeDecisionInstanceContract } from '../test/contract/decision-instance-contract';
import { InMemoryDecisionStore } from './in-memory-decision-store';

describeDecisionInstanceContract('InMemoryDecisionStore', () => Promise.resolve(new InMemoryDecisionStore()));
