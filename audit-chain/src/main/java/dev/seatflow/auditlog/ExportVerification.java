package dev.seatflow.auditlog;

import java.util.List;

/**
 * What an offline verification of an audit export found.
 *
 * @param checks what was checked and held, in order (for the auditor's report)
 * @param problems what did not hold; empty exactly when the export is intact and signed by a trusted key
 */
public record ExportVerification(String tenantId, String format, long rows, List<String> checks, List<String> problems) {

    public ExportVerification {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
