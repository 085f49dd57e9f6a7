package dev.seatflow.cli.audit;

import java.io.PrintWriter;

/** A progress bar on standard error for a long export: rows written out of the manifest's row count. */
interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void rows(long written) {
        }

        @Override
        public void done(long written) {
        }
    };

    void rows(long written);

    void done(long written);

    static Progress to(PrintWriter err, long total) {
        return new Progress() {
            private static final long EVERY_MILLIS = 200;   // redrawn at most five times a second
            private long shownAt;

            @Override
            public void rows(long written) {
                long now = System.currentTimeMillis();
                if (now - shownAt >= EVERY_MILLIS) {
                    shownAt = now;
                    draw(written);
                }
            }

            @Override
            public void done(long written) {
                draw(written);
                err.println();
                err.flush();
            }

            private void draw(long written) {
                int width = 30;
                int percent = total == 0 ? 100 : (int) Math.min(100, written * 100 / total);
                int filled = percent * width / 100;
                err.print("\rexporting [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + written + "/" + total + " rows " + percent + "%");
                err.flush();
            }
        };
    }
}
