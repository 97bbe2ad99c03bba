package dev.terraauth.gateway.web;

import dev.terraauth.gateway.service.ReconcileJobs;
import dev.terraauth.gateway.service.Reconciler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/ui/reconcile}: "Reconcile now" and the result of the job it started. */
final class ReconcilePage {
  private final ReconcileJobs jobs;

  ReconcilePage(ReconcileJobs jobs) {
    this.jobs = jobs;
  }

  ReconcileJobs jobs() {
    return jobs;
  }

  /** Whether the job shown is still running (the page then reloads itself). */
  boolean running(String jobId) {
    return find(jobId).map(job -> job.status() == ReconcileJobs.Status.RUNNING).orElse(false);
  }

  String render(String jobId, String csrf) {
    StringBuilder html = new StringBuilder(4096);
    html.append(
            "<p class=\"note\">Compares this gateway's connections with Terra's /subscriptions"
                + " and /userInfo and repairs what drifted. It also runs on its schedule.</p>")
        .append("<form method=\"post\" action=\"/admin/ui/reconcile\">")
        .append(Html.csrfField(csrf))
        .append("<button type=\"submit\" class=\"primary\">Reconcile now</button></form>\n");
    if (jobId == null) {
      return html.toString();
    }
    Optional<ReconcileJobs.Job> job = find(jobId);
    if (job.isEmpty()) {
      html.append(
          "<p class=\"problem\">No such job on this instance (jobs are kept in memory, the"
              + " last 20).</p>");
      return html.toString();
    }
    Map<String, Object> view = job.get().view();
    String status = String.valueOf(view.get("status"));
    html.append("<section class=\"card\" id=\"job\"><h2>Job ")
        .append(Html.badge(status, status))
        .append("</h2><dl>")
        .append("<dt>started</dt><dd>")
        .append(Html.time((String) view.get("started_at")))
        .append("</dd><dt>finished</dt><dd>")
        .append(Html.time((String) view.get("finished_at")))
        .append("</dd><dt>Terra users listed</dt><dd>")
        .append(view.get("terra_users_listed"))
        .append("</dd><dt>local connections checked</dt><dd>")
        .append(view.get("local_connections_checked"))
        .append("</dd><dt>changes</dt><dd>")
        .append(view.get("change_count"))
        .append("</dd>");
    if (view.get("detail") != null) {
      html.append("<dt>detail</dt><dd>")
          .append(Html.escape(String.valueOf(view.get("detail"))))
          .append("</dd>");
    }
    html.append("</dl>");
    Object changes = view.get("changes");
    if (changes instanceof List<?> list && !list.isEmpty()) {
      html.append("<ol class=\"history\">");
      for (Object change : list) {
        html.append("<li>");
        if (change instanceof Reconciler.Change known) {
          html.append("<code>")
              .append(Html.escape(known.terraUserId()))
              .append("</code> (")
              .append(
                  Html.escape(
                      known.referenceId() == null ? "no reference id" : known.referenceId()))
              .append("): ")
              .append(Html.escape(known.change()));
        } else {
          html.append(Html.escape(String.valueOf(change)));
        }
        html.append("</li>");
      }
      html.append("</ol>");
    }
    html.append("</section>\n");
    return html.toString();
  }

  private Optional<ReconcileJobs.Job> find(String jobId) {
    return jobId == null || jobId.length() > 64 ? Optional.empty() : jobs.find(jobId);
  }
}
