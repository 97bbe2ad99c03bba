package dev.terraauth.gateway.web;

import dev.terraauth.gateway.webhook.DeliverySearch;
import dev.terraauth.gateway.webhook.RejectionLog;
import dev.terraauth.gateway.webhook.WebhookDelivery;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/ui/deliveries}: the stored deliveries (which secret generation verified each) and
 * the refused ones with their reason (kept in memory only, the last 100: refused bodies are never
 * stored).
 */
final class DeliveriesPage {
  private static final int REFUSED_PAGE = 25;

  private final DeliverySearch deliveries;
  private final RejectionLog rejections;

  DeliveriesPage(DeliverySearch deliveries, RejectionLog rejections) {
    this.deliveries = deliveries;
    this.rejections = rejections;
  }

  String render(Context ctx) {
    StringBuilder html = new StringBuilder(16384);
    List<RejectionLog.Rejection> refused = rejections.recent();
    Paging refusedPaging = Paging.of(ctx, "refused_page", refused.size(), REFUSED_PAGE);
    refused(
        html,
        refused.subList(
            refusedPaging.offset(),
            Math.min(refused.size(), refusedPaging.offset() + refusedPaging.size())));
    if (refused.size() > REFUSED_PAGE) {
      html.append(refusedPaging.links("/admin/ui/deliveries", Map.of()));
    }
    Paging paging = Paging.of(ctx, deliveries.count());
    List<WebhookDelivery> rows = deliveries.page(paging.offset(), paging.size());
    html.append("<h2 id=\"stored\">Stored</h2>\n");
    if (rows.isEmpty()) {
      html.append("<p class=\"empty\">No verified delivery stored yet.</p>");
    } else {
      html.append("<table class=\"rows\"><thead><tr><th>Event</th><th>Outcome</th>")
          .append("<th>Terra user id</th><th>Verified with</th><th>Trace id</th><th>Received</th>")
          .append("</tr></thead><tbody>\n");
      for (WebhookDelivery delivery : rows) {
        html.append("<tr><td data-label=\"Event\"><strong>")
            .append(Html.escape(delivery.eventType()))
            .append("</strong></td><td data-label=\"Outcome\">")
            .append(Html.badge(delivery.outcome().label(), delivery.outcome().label()))
            .append("</td><td data-label=\"Terra user id\"><code>")
            .append(Html.escape(delivery.terraUserId() == null ? "–" : delivery.terraUserId()))
            .append("</code></td><td data-label=\"Verified with\">")
            .append(Html.escape(delivery.matchedSecret()))
            .append("</td><td data-label=\"Trace id\"><code>")
            .append(Html.escape(delivery.traceId() == null ? "–" : delivery.traceId()))
            .append("</code></td><td data-label=\"Received\">")
            .append(Html.time(delivery.receivedAtMs()))
            .append("</td></tr>\n");
      }
      html.append("</tbody></table>\n");
    }
    html.append(paging.links("/admin/ui/deliveries", Map.of()));
    return html.toString();
  }

  private static void refused(StringBuilder html, List<RejectionLog.Rejection> refused) {
    html.append(
            "<h2 id=\"refused\">Refused</h2>\n<p class=\"note\">Deliveries answered 401 or 400:")
        .append(" nothing of them was stored or applied. The last 100 since this instance started.")
        .append("</p>\n");
    if (refused.isEmpty()) {
      html.append("<p class=\"empty\">None refused.</p>\n");
      return;
    }
    html.append("<table class=\"rows refused\"><thead><tr><th>Reason</th><th>Detail</th>")
        .append("<th>Trace id</th><th>At</th></tr></thead><tbody>\n");
    for (RejectionLog.Rejection rejection : refused) {
      html.append("<tr><td data-label=\"Reason\">")
          .append(Html.badge("refused", rejection.reason()))
          .append("</td><td data-label=\"Detail\">")
          .append(Html.escape(rejection.detail() == null ? "–" : rejection.detail()))
          .append("</td><td data-label=\"Trace id\"><code>")
          .append(Html.escape(rejection.traceId() == null ? "–" : rejection.traceId()))
          .append("</code></td><td data-label=\"At\">")
          .append(Html.time(rejection.at().toEpochMilli()))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }
}
