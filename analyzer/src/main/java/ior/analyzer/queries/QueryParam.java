package ior.analyzer.queries;

/**
 * A parameter of a canned query, declared in its header as
 * {@code -- param: NAME TYPE = DEFAULT : description}. A default of {@code null} means
 * "not set" (typically: no filter).
 */
public record QueryParam(String name, ParamType type, String defaultValue, String description) {
    /** The default as typed in the header, "null" when it has none. */
    public String defaultText() {
        return defaultValue == null ? "null" : defaultValue;
    }
}
