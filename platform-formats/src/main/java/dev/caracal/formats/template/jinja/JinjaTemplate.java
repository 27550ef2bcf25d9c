package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jinja template as Hugging Face's transformers renders it (Jinja2 semantics), on Jinjava. This package is the one
 * place that names Jinjava; this class is all the rest of Caracal sees of it. Jinjava's expression-language internals
 * ({@code jinjava.de.odysseus.el.tree.impl}) are used by {@link PythonExpressionSyntax} alone, which teaches them
 * Python's operators.
 */
public final class JinjaTemplate {

    private final Node root;

    private JinjaTemplate(Node root) {
        this.root = root;
    }

    /** A template's syntax error, with the 1-based line it is on. */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * A render that failed: a {@code raise_exception(...)} of the template ({@link #raisedByTemplate()}, the message
     * is the template's), or an error of the template's code, with its line when known (0 otherwise).
     */
    public static final class RenderError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final boolean raisedByTemplate;

        RenderError(String message, int line, boolean raisedByTemplate, Throwable cause) {
            super(message, cause);
            this.line = line;
            this.raisedByTemplate = raisedByTemplate;
        }

        public int line() {
            return line;
        }

        public boolean raisedByTemplate() {
            return raisedByTemplate;
        }
    }

    /**
     * Parses {@code source} (Jinja2's whitespace control applied first).
     *
     * @throws SyntaxError for the first problem found
     */
    public static JinjaTemplate parse(String source) {
        String prepared;
        try {
            prepared = Jinja2Whitespace.apply(source);
        } catch (Jinja2Whitespace.UnclosedException e) {
            throw new SyntaxError(e.line(), e.getMessage());
        }
        try {
            return new JinjaTemplate(JinjaEnvironment.INSTANCE.parse(prepared));
        } catch (JinjaEnvironment.SyntaxProblem e) {
            throw new SyntaxError(e.line(), e.getMessage());
        }
    }

    /**
     * Renders with {@code variables} (values made with {@link #value}, or strings, booleans and numbers); the globals
     * {@code raise_exception} and {@code strftime_now} are defined.
     *
     * @throws RenderError when the template raises or fails
     */
    public String render(Map<String, Object> variables) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        // Jinja2's globals are variables too: Llama 3.2 tests `strftime_now is defined`
        all.put("raise_exception", new TemplateFunctions.Global("raise_exception"));
        all.put("strftime_now", new TemplateFunctions.Global("strftime_now"));
        all.putAll(variables);
        JinjaEnvironment.Outcome outcome = JinjaEnvironment.INSTANCE.render(root, all);
        String raised = raisedMessage(outcome);
        if (raised != null) {
            throw new RenderError(raised, 0, true, outcome.thrown());
        }
        if (outcome.thrown() != null) {
            int line = outcome.thrown() instanceof InterpretException interpret && interpret.getLineNumber() > 0
                    ? interpret.getLineNumber() : 0;
            throw new RenderError(describe(outcome.thrown()), line, false, outcome.thrown());
        }
        for (TemplateError error : outcome.errors()) {
            // Jinjava reports a macro's runaway recursion as a warning; Python stops with a RecursionError
            boolean fatal = error.getSeverity() == TemplateError.ErrorType.FATAL
                    || (error.getReason() == TemplateError.ErrorReason.EXCEPTION
                            && error.getItem() == TemplateError.ErrorItem.TAG);
            if (fatal) {
                throw new RenderError(error.getMessage(), error.getLineno(), false, error.getException());
            }
        }
        return outcome.output();
    }

    /** {@code value} (maps, lists, strings, numbers, booleans, null) as the template reads Python's values. */
    public static Object value(Object value) {
        return PythonValues.toTemplateValue(value);
    }

    /** A JSON object that a template reads as a dictionary and, joined to a string, as its JSON text. */
    public static Object jsonObject(Map<String, Object> object) {
        return new JsonTextMap(PythonValues.toTemplateValue(object));
    }

    /** Python's {@code strftime}, as {@code strftime_now} formats the time. */
    public static String strftime(ZonedDateTime time, String format) {
        return TemplateFunctions.strftime(time, format);
    }

    private static String raisedMessage(JinjaEnvironment.Outcome outcome) {
        List<Throwable> causes = new ArrayList<>();
        if (outcome.thrown() != null) {
            causes.add(outcome.thrown());
        }
        for (TemplateError error : outcome.errors()) {
            if (error.getException() != null) {
                causes.add(error.getException());
            }
        }
        for (Throwable cause : causes) {
            for (Throwable at = cause; at != null; at = at.getCause() == at ? null : at.getCause()) {
                if (at instanceof TemplateFunctions.RaisedByTemplate raised) {
                    return raised.getMessage();
                }
            }
        }
        return null;
    }

    private static String describe(Throwable thrown) {
        String message = thrown.getMessage();
        return message == null ? thrown.getClass().getSimpleName() : message;
    }
}
