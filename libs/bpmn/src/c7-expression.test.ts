import { translateJuelToFeel } from './c7-expression';
import { evaluateFeel } from './feel';

describe('translateJuelToFeel', () => {
  it.each([
    ['${amount > 100}', 'amount > 100'],
    ['${approved}', 'approved'],
    ["${a == 'x' && !b}", 'a = "x" and not(b)'],
    ['${a || b}', 'a or b'],
    ['${status != "done"}', 'status != "done"'],
    ['${true}', 'true'],
    ['${false == flag}', 'false = flag'],
    ['${order.total >= 10.5}', 'order.total >= 10.5'],
    ['#{count < 3}', 'count < 3'],
    ['${!(a && b)}', 'not(a and b)'],
    ['${x eq 1 and y ne 2}', 'x = 1 and y != 2'],
    ['${not done}', 'not(done)'],
    ['${a + b * 2 - c / 4}', 'a + b * 2 - c / 4'],
    ['${n % 2 == 0}', 'modulo(n, 2) = 0'],
    ["${name == 'it\\'s'}", 'name = "it\'s"'],
    ['${value == null}', 'value = null'],
  ])('%s → %s', (juel, feel) => {
    expect(translateJuelToFeel(juel)).toEqual({ ok: true, feel });
  });

  it.each([
    ['${execution.getVariable("x")}'],
    ['${order.isValid()}'],
    ['${a ? b : c}'],
    ['${items[0]}'],
    ['${empty list}'],
    ['amount > 100'],
    ['${a} and ${b}'],
    ['${a == }'],
    ['${"unterminated}'],
  ])('refuses %s', (juel) => {
    const result = translateJuelToFeel(juel);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(juel.trim());
  });

  it('produces FEEL that evaluates like the original', () => {
    const result = translateJuelToFeel("${a == 'x' && !b}");
    if (!result.ok) throw new Error(result.message);
    expect(evaluateFeel(result.feel, { a: 'x', b: false })).toEqual({ ok: true, value: true });
    expect(evaluateFeel(result.feel, { a: 'x', b: true })).toEqual({ ok: true, value: false });
  });
});
