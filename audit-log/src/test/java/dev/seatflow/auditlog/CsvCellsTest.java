package dev.seatflow.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralised() {
        assertThat(AuditExporter.quote("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(AuditExporter.quote("+1")).isEqualTo("'+1");
        assertThat(AuditExporter.quote("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditExporter.quote("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditExporter.quote("\t=1")).isEqualTo("'\t=1");
        assertThat(AuditExporter.quote("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void ordinaryCellsAreKeptAndQuotedOnlyWhereRfc4180NeedsIt() {
        assertThat(AuditExporter.quote("curl/8.5.0")).isEqualTo("curl/8.5.0");
        assertThat(AuditExporter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExporter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExporter.quote("x=1")).isEqualTo("x=1");
        assertThat(AuditExporter.quote("")).isEmpty();
        assertThat(AuditExporter.quote(null)).isEmpty();
    }
}
