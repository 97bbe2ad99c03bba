package dev.terraauth.gateway.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One page of a list: which page was asked for ({@code ?page=N}, from 1), its rows and the links to
 * its neighbours. A page number beyond the end shows the last page.
 */
record Paging(int page, int size, long total, String parameter) {
  static final int SIZE = 50;
  private static final int MAX_PAGE = 1_000_000;

  static Paging of(Context ctx, long total) {
    return of(ctx, "page", total, SIZE);
  }

  /** A page of {@code size} rows chosen by the query parameter {@code parameter}. */
  static Paging of(Context ctx, String parameter, long total, int size) {
    String raw = ctx.queryParam(parameter);
    int page = 1;
    if (raw != null && raw.matches("[0-9]{1,7}")) {
      page = Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(raw)));
    }
    int last = (int) Math.max(1, (total + size - 1) / size);
    return new Paging(Math.min(page, last), size, total, parameter);
  }

  int offset() {
    return (page - 1) * size;
  }

  int lastPage() {
    return (int) Math.max(1, (total + size - 1) / size);
  }

  /** "Rows 51-100 of 1000" and previous/next links keeping the other query parameters. */
  String links(String path, Map<String, String> keep) {
    long from = total == 0 ? 0 : offset() + 1L;
    long to = Math.min(total, (long) offset() + size);
    StringBuilder html =
        new StringBuilder("<nav class=\"pager\" aria-label=\"pages\"><span>")
            .append(from)
            .append("–")
            .append(to)
            .append(" of ")
            .append(total)
            .append("</span>");
    if (page > 1) {
      html.append("<a rel=\"prev\" href=\"")
          .append(href(path, keep, parameter, page - 1))
          .append("\">‹ Previous</a>");
    }
    if (page < lastPage()) {
      html.append("<a rel=\"next\" href=\"")
          .append(href(path, keep, parameter, page + 1))
          .append("\">Next ›</a>");
    }
    return html.append("</nav>").toString();
  }

  private static String href(String path, Map<String, String> keep, String parameter, int page) {
    StringBuilder href =
        new StringBuilder(path).append('?').append(parameter).append('=').append(page);
    keep.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            href.append("&amp;")
                .append(name)
                .append('=')
                .append(Html.escape(URLEncoder.encode(value, StandardCharsets.UTF_8)));
          }
        });
    return href.toString();
  }
}
