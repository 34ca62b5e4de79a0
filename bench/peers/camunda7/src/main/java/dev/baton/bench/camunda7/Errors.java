package dev.baton.bench.camunda7;

/** Short, one-line descriptions of exceptions for the JSON answer and the log. */
final class Errors {
  private Errors() {}

  static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String text = error.getClass().getSimpleName() + ": " + error.getMessage();
    if (root != error) text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    return text.replace('\n', ' ');
  }
}
