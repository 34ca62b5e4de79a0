// Translates the simple Camunda 7 (JUEL) expressions found in conditions and mappings, such as
// `${amount > 100}` or `${a == 'x' && !b}`, into FEEL. A tokenizer and a recursive-descent parser,
// never eval: anything beyond literals, variables, property access and operators is refused.

/** A FEEL expression, or why the JUEL expression cannot be translated. */
export type TranslationResult =
  { readonly ok: true; readonly feel: string } | { readonly ok: false; readonly message: string };

type Token =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'identifier'; readonly text: string }
  | { readonly kind: 'operator'; readonly text: string };

class UnsupportedExpression extends Error {}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '.'];
/** JUEL's word operators, mapped to their symbolic spelling. */
const WORD_OPERATORS: Readonly<Record<string, string>> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  div: '/',
  mod: '%',
};
const UNSUPPORTED_WORDS = new Set(['empty', 'instanceof', 'execution', 'task', 'authenticatedUserId']);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      index += number[0].length;
      continue;
    }
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      const { value, length } = readString(rest, quote);
      tokens.push({ kind: 'string', value });
      index += length;
      continue;
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (identifier) {
      const word = identifier[0];
      const symbol = WORD_OPERATORS[word];
      tokens.push(symbol ? { kind: 'operator', text: symbol } : { kind: 'identifier', text: word });
      index += word.length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (!operator) throw new UnsupportedExpression(`unsupported character '${rest[0] ?? ''}'`);
    tokens.push({ kind: 'operator', text: operator });
    index += operator.length;
  }
  return tokens;
}

function readString(rest: string, quote: string): { value: string; length: number } {
  let value = '';
  for (let index = 1; index < rest.length; index += 1) {
    const char = rest[index];
    if (char === '\\') {
      value += rest[index + 1] ?? '';
      index += 1;
    } else if (char === quote) {
      return { value, length: index + 1 };
    } else {
      value += char;
    }
  }
  throw new UnsupportedExpression('unterminated string literal');
}

/** FEEL string literal for a plain text value. */
export function feelStringLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Recursive descent over JUEL precedence levels, emitting FEEL text as it goes. */
class Translator {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  translate(): string {
    const feel = this.orExpression();
    const leftover = this.tokens[this.position];
    if (leftover) throw new UnsupportedExpression(`unexpected '${describe(leftover)}'`);
    return feel;
  }

  private orExpression(): string {
    let feel = this.andExpression();
    while (this.accept('||')) feel = `${feel} or ${this.andExpression()}`;
    return feel;
  }

  private andExpression(): string {
    let feel = this.equality();
    while (this.accept('&&')) feel = `${feel} and ${this.equality()}`;
    return feel;
  }

  private equality(): string {
    let feel = this.relational();
    for (;;) {
      if (this.accept('==')) feel = `${feel} = ${this.relational()}`;
      else if (this.accept('!=')) feel = `${feel} != ${this.relational()}`;
      else return feel;
    }
  }

  private relational(): string {
    let feel = this.additive();
    for (;;) {
      const operator = ['<=', '>=', '<', '>'].find((candidate) => this.accept(candidate));
      if (!operator) return feel;
      feel = `${feel} ${operator} ${this.additive()}`;
    }
  }

  private additive(): string {
    let feel = this.multiplicative();
    for (;;) {
      const operator = ['+', '-'].find((candidate) => this.accept(candidate));
      if (!operator) return feel;
      feel = `${feel} ${operator} ${this.multiplicative()}`;
    }
  }

  private multiplicative(): string {
    let feel = this.unary();
    for (;;) {
      if (this.accept('*')) feel = `${feel} * ${this.unary()}`;
      else if (this.accept('/')) feel = `${feel} / ${this.unary()}`;
      else if (this.accept('%')) feel = `modulo(${feel}, ${this.unary()})`;
      else return feel;
    }
  }

  private unary(): string {
    if (this.accept('!')) {
      // `!(a && b)` becomes `not(a and b)` rather than `not((a and b))`.
      if (!this.accept('(')) return `not(${this.unary()})`;
      const inner = this.orExpression();
      if (!this.accept(')')) throw new UnsupportedExpression("missing ')'");
      return `not(${inner})`;
    }
    if (this.accept('-')) return `-${this.unary()}`;
    return this.primary();
  }

  private primary(): string {
    const token = this.tokens[this.position];
    if (!token) throw new UnsupportedExpression('unexpected end of expression');
    this.position += 1;
    if (token.kind === 'number') return token.text;
    if (token.kind === 'string') return feelStringLiteral(token.value);
    if (token.kind === 'operator') {
      if (token.text !== '(') throw new UnsupportedExpression(`unexpected '${token.text}'`);
      const inner = this.orExpression();
      if (!this.accept(')')) throw new UnsupportedExpression("missing ')'");
      return `(${inner})`;
    }
    if (token.text === 'true' || token.text === 'false' || token.text === 'null') return token.text;
    return this.propertyPath(token.text);
  }

  private propertyPath(head: string): string {
    if (UNSUPPORTED_WORDS.has(head)) throw new UnsupportedExpression(`'${head}' is not supported`);
    const parts = [head];
    for (;;) {
      if (this.peekIs('('))
        throw new UnsupportedExpression(`method call '${parts.join('.')}(…)' is not supported`);
      if (!this.accept('.')) return parts.join('.');
      const next = this.tokens[this.position];
      if (next?.kind !== 'identifier') throw new UnsupportedExpression("expected a property name after '.'");
      this.position += 1;
      parts.push(next.text);
    }
  }

  private peekIs(operator: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'operator' && token.text === operator;
  }

  private accept(operator: string): boolean {
    if (!this.peekIs(operator)) return false;
    this.position += 1;
    return true;
  }
}

function describe(token: Token): string {
  return token.kind === 'string' ? `'${token.value}'` : token.text;
}

/**
 * Translates one Camunda 7 expression written as `${…}` or `#{…}` (the whole text) to FEEL.
 * @example translateJuelToFeel("${a == 'x' && !b}") // { ok: true, feel: 'a = "x" and not(b)' }
 */
export function translateJuelToFeel(expression: string): TranslationResult {
  const match = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(expression);
  if (!match?.[1] || match[1].includes('}')) {
    return { ok: false, message: `'${expression.trim()}' is not a single \${…} expression` };
  }
  try {
    return { ok: true, feel: new Translator(tokenize(match[1])).translate() };
  } catch (error) {
    const reason = error instanceof UnsupportedExpression ? error.message : String(error);
    return { ok: false, message: `cannot translate '${expression.trim()}' to FEEL: ${reason}` };
  }
}

/** True when a text contains a JUEL expression anywhere (`${` or `#{`). */
export function containsJuel(text: string): boolean {
  return /[$#]\{/.test(text);
}
