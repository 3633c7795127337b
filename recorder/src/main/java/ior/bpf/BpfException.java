package ior.bpf;

/** A step of loading or attaching the BPF programs failed; the message names the step and the cause. */
public final class BpfException extends Exception {
    public enum Kind { PERMISSION, ENVIRONMENT, FAILURE }

    private final Kind kind;

    public BpfException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
