package dev.baton.bench.camunda7;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Just enough JSON for the answer (objects, lists, strings, numbers, booleans): no library needed. */
final class Json {
  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) out.append("null");
    else if (value instanceof String text) string(text, out);
    else if (value instanceof Boolean) out.append(value);
    else if (value instanceof Double || value instanceof Float) number(((Number) value).doubleValue(), out);
    else if (value instanceof Number) out.append(value);
    else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
        if (entries.hasNext()) out.append(',');
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(',');
        write(list.get(i), out);
      }
      out.append(']');
    } else throw new IllegalArgumentException("no JSON for " + value.getClass().getName());
  }

  /** Rounded to microseconds (for milliseconds) / thousandths: more digits would only be noise. */
  private static void number(double value, StringBuilder out) {
    if (!Double.isFinite(value)) {
      out.append("null");
      return;
    }
    double rounded = Math.round(value * 1000) / 1000.0;
    if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) out.append((long) rounded);
    else out.append(rounded);
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}
