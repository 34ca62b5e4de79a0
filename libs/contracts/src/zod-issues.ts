// How a failed zod parse is told to a person: every issue as `path: message`, the path dotted.
// One wording for REST problems, dead letters, socket refusals and configuration errors.
import type { z } from 'zod';

/** One issue of a failed parse, its path dotted (`'(root)'` for the value itself by default). */
export interface ZodIssueText {
  readonly path: string;
  readonly message: string;
}

export interface FormatZodIssuesOptions {
  /**
   * What names the parsed value itself; `null` leaves the `path: ` prefix out for it.
   * @default '(root)'
   */
  readonly root?: string | null;
  /** @default '; ' */
  readonly separator?: string;
  /** Put before each issue. @default '' */
  readonly indent?: string;
}

/** Every issue of a failed parse as `{ path, message }`. */
export function zodIssues(error: z.ZodError, root = '(root)'): ZodIssueText[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? root : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Every issue of a failed parse as `path: message`, joined. */
export function formatZodIssues(error: z.ZodError, options: FormatZodIssuesOptions = {}): string {
  const { root = '(root)', separator = '; ', indent = '' } = options;
  return error.issues
    .map((issue) => {
      const path = issue.path.length === 0 ? root : issue.path.map(String).join('.');
      return `${indent}${path === null ? '' : `${path}: `}${issue.message}`;
    })
    .join(separator);
}
