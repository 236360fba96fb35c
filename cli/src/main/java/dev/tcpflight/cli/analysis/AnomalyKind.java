package dev.tcpflight.cli.analysis;

/** The problems {@code summary} looks for, worst first. */
public enum AnomalyKind {
    CLOSE_WAIT("CLOSE_WAIT held", "the peer closed; the application did not close its socket (in time)"),
    LEAKED("leaked socket", "garbage-collected without close()"),
    NEVER_CLOSED("never closed", "still open when the recording ended"),
    TIME_WAIT_PILEUP("TIME_WAIT pile-up", "many active closes to one endpoint, each leaving a TIME_WAIT socket"),
    RESET("reset", "aborted with RST instead of the FIN exchange"),
    CONNECT_TIMEOUT("connect timed out", "no answer to the SYN"),
    REFUSED("connect refused", "RST in answer to the SYN: nothing listens there"),
    CONNECT_FAILED("connect failed", "the connect failed otherwise");

    private final String title;
    private final String meaning;

    AnomalyKind(String title, String meaning) {
        this.title = title;
        this.meaning = meaning;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }
}
