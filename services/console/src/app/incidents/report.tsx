// How an incident's actions tell the operator what happened: a success, or the API's problem
// detail (a 403 included), shown on the incident itself rather than only in a passing toast.
export type Report = (kind: 'ok' | 'problem', message: string) => void;
