// The value of a model attribute: fixed in the XML, or FEEL evaluated when the element runs.

/** A value that is either fixed in the XML or a FEEL expression (written with a leading `=`). */
export type ValueSource =
  | { readonly kind: 'static'; readonly value: string }
  | { readonly kind: 'feel'; readonly expression: string };
