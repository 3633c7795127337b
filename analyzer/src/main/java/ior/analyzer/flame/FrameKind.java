package ior.analyzer.flame;

/** What a frame stands for, which sets its colour family in the SVG. */
public enum FrameKind {
    ROOT, TRACE, PROCESS, SYSCALL, DIRECTORY, FILE, OTHER
}
