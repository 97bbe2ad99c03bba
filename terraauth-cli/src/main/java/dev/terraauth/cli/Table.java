package dev.terraauth.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: the default output of listing commands. */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  public static Table withHeaders(String... headers) {
    return new Table(List.of(headers));
  }

  /** Adds a row; null cells print as "-". */
  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int column = 0; column < widths.length; column++) {
      widths[column] = headers.get(column).length();
      for (List<String> row : rows) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    printRow(out, headers, widths);
    for (List<String> row : rows) {
      printRow(out, row, widths);
    }
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.size(); column++) {
      String cell = cells.get(column);
      line.append(cell);
      if (column < cells.size() - 1) {
        line.append(" ".repeat(widths[column] - cell.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
