// DMN 1.5's boxed conditional, filter, for, some and every (DMN 1.5 §7.3.9–7.3.13) as moddle types
// added to dmn-moddle's DMN 1.3 package, which has none of them; files in the 1.5 namespace are
// read as 1.3 (dmn-namespaces.ts), so these elements then parse as the others do.
import { DmnModdle } from 'dmn-moddle';

const childExpression = (name: string, type = 'ChildExpression') => ({
  name,
  type,
  xml: { serialize: 'property' },
});

const boxedTypes = [
  {
    name: 'ChildExpression',
    superClass: ['DMNElement'],
    properties: [{ name: 'value', type: 'Expression' }],
  },
  {
    name: 'TypedChildExpression',
    superClass: ['ChildExpression'],
    properties: [{ name: 'typeRef', isAttr: true, type: 'String' }],
  },
  {
    name: 'Conditional',
    superClass: ['Expression'],
    properties: [childExpression('if'), childExpression('then'), childExpression('else')],
  },
  {
    name: 'Filter',
    superClass: ['Expression'],
    properties: [childExpression('in'), childExpression('match')],
  },
  {
    name: 'Iterator',
    isAbstract: true,
    superClass: ['Expression'],
    properties: [
      { name: 'iteratorVariable', isAttr: true, type: 'String' },
      childExpression('in', 'TypedChildExpression'),
    ],
  },
  { name: 'For', superClass: ['Iterator'], properties: [childExpression('return')] },
  {
    name: 'Quantified',
    isAbstract: true,
    superClass: ['Iterator'],
    properties: [childExpression('satisfies')],
  },
  { name: 'Some', superClass: ['Quantified'], properties: [] },
  { name: 'Every', superClass: ['Quantified'], properties: [] },
];

interface ModdlePackage {
  readonly types: readonly unknown[];
}

/** A DmnModdle whose DMN package also knows DMN 1.5's iteration and conditional boxed expressions. */
export function dmnModdleWithDmn15BoxedExpressions(): DmnModdle {
  const base = (new DmnModdle() as unknown as { registry: { packageMap: { dmn: ModdlePackage } } }).registry
    .packageMap.dmn;
  return new DmnModdle({ dmn: { ...base, types: [...base.types, ...boxedTypes] } });
}
