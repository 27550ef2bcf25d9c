package dev.caracal.formats.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Templates that are broken, or that refuse a conversation, fail with a {@link ChatTemplateException} that names the
 * template and, for syntax errors, the line; never with an empty or partial prompt.
 */
class ChatTemplateBadInputTest {

    private static final List<ChatMessage> HELLO = List.of(ChatMessage.user("Hello"));
    private static final ChatTemplateOptions OPTIONS = ChatTemplateOptions.defaults();

    @Test
    void anExpressionThatDoesNotParseFailsAtLoadWithItsLine() {
        assertThatThrownBy(() -> ChatTemplate.of("{{ bos_token }}\n{% for m in messages %}\n{{ m.content + }}\n{% endfor %}",
                "broken.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("broken.jinja")
                .hasMessageContaining("line 3")
                .hasMessageContaining("m.content +");
    }

    @Test
    void aBlockThatIsNeverClosedFailsWithTheLineItOpensOn() {
        assertThatThrownBy(() -> ChatTemplate.of("text\n{% if messages %}\nyes\n", "unclosed-if.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("unclosed-if.jinja")
                .hasMessageContaining("line 2")
                .hasMessageContaining("endif");
        assertThatThrownBy(() -> ChatTemplate.of("a\nb\n{{ messages[0].content }\n", "unclosed-expression.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("unclosed-expression.jinja")
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> ChatTemplate.of("a\n{# never closed", "unclosed-comment.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void lineNumbersCountLinesThatWhitespaceControlRemoves() {
        assertThatThrownBy(() -> ChatTemplate.of("{%- if true -%}\n\n\n   {#- note\n -#}\n{{ 1 + }}{% endif %}", "lines.jinja"))
                .hasMessageContaining("line 6");
    }

    @Test
    void unknownAndStrayTagsFail() {
        assertThatThrownBy(() -> ChatTemplate.of("{% frobnicate %}", "unknown-tag.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("unknown-tag.jinja")
                .hasMessageContaining("frobnicate");
        assertThatThrownBy(() -> ChatTemplate.of("x\n{% endif %}", "stray-end.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("endif");
        assertThatThrownBy(() -> ChatTemplate.of("{% if %}x{% endif %}", "empty-if.jinja"))
                .isInstanceOf(ChatTemplateException.class);
    }

    @Test
    void anUnknownFilterOrTestFailsAtLoadInsteadOfRenderingNothing() {
        assertThatThrownBy(() -> ChatTemplate.of("{{ messages[0].content | shout }}", "filter.jinja"))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("filter.jinja")
                .hasMessageContaining("no filter named 'shout'");
        assertThatThrownBy(() -> ChatTemplate.of("{% set x = messages | shout %}", "set-filter.jinja"))
                .hasMessageContaining("no filter named 'shout'");
        assertThatThrownBy(() -> ChatTemplate.of("{% filter shout %}x{% endfilter %}", "block-filter.jinja"))
                .hasMessageContaining("no filter named 'shout'");
        assertThatThrownBy(() -> ChatTemplate.of("{% if messages is loud %}x{% endif %}", "test.jinja"))
                .hasMessageContaining("no test named 'loud'");
    }

    @Test
    void raiseExceptionStopsTheRenderWithTheTemplatesMessage() {
        ChatTemplate template = ChatTemplate.of("{% for m in messages %}{% if m.role != 'user' %}"
                + "{{ raise_exception('Only user roles are supported!') }}{% endif %}{{ m.content }}{% endfor %}",
                "strict.jinja");

        assertThat(template.render(HELLO, OPTIONS)).isEqualTo("Hello");
        assertThatThrownBy(() -> template.render(List.of(ChatMessage.assistant("Hi")), OPTIONS))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("chat template strict.jinja raised an error: Only user roles are supported!");
    }

    @Test
    void realTemplatesRaiseTheirOwnErrors() {
        ChatTemplate gemma = ChatTemplateTestData.template("google-gemma-2-2b-it.jinja");
        assertThatThrownBy(() -> gemma.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), OPTIONS))
                .hasMessageContaining("Conversation roles must alternate user/assistant/user/assistant/...");

        ChatTemplate llama = ChatTemplateTestData.template("meta-llama-Llama-3.1-8B-Instruct.jinja");
        List<ChatMessage> twoCalls = List.of(ChatMessage.user("Weather?"), ChatMessage.assistantToolCalls(null, List.of(
                new ChatMessage.ToolCall("1", "get_weather", ChatTemplateTestData.ordered("city", "Paris")),
                new ChatMessage.ToolCall("2", "get_weather", ChatTemplateTestData.ordered("city", "Rome")))));
        assertThatThrownBy(() -> llama.render(twoCalls, OPTIONS))
                .hasMessageContaining("This model only supports single tool-calls at once!");
    }

    @Test
    void joiningNoneToTextFailsLikeJinja2InsteadOfWritingNull() {
        // Phi-3.5 joins the content to text: an assistant turn without content is a TypeError under transformers
        ChatTemplate phi = ChatTemplateTestData.template("microsoft-Phi-3.5-mini-instruct.jinja");

        assertThatThrownBy(() -> phi.render(List.of(ChatMessage.user("Weather?"), ChatMessage.assistantToolCalls(null,
                List.of(new ChatMessage.ToolCall("1", "get_weather", ChatTemplateTestData.ordered("city", "Paris"))))),
                OPTIONS))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("microsoft-Phi-3.5-mini-instruct.jinja")
                .hasMessageContaining("None");
    }

    @Test
    void unknownFunctionsLoopsOverNumbersAndRunawayMacrosFail() {
        assertThatThrownBy(() -> ChatTemplate.of("{{ shout('x') }}", "function.jinja").render(HELLO, OPTIONS))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("function.jinja")
                .hasMessageContaining("shout");
        assertThatThrownBy(() -> ChatTemplate.of("{% for x in 5 %}{{ x }}{% endfor %}", "loop.jinja").render(HELLO, OPTIONS))
                .hasMessageContaining("not iterable");
        assertThatThrownBy(() -> ChatTemplate.of("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "recursion.jinja")
                .render(HELLO, OPTIONS))
                .hasMessageContaining("recursion");
    }

    @Test
    void aTemplateCannotExhaustMemory() {
        assertThatThrownBy(() -> ChatTemplate.of("{{ 'x' * 10000000000 }}", "huge.jinja").render(HELLO, OPTIONS))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("huge.jinja");
    }

    @Test
    void templatesCannotReadOtherFiles() {
        assertThatThrownBy(() -> ChatTemplate.of("{% include 'secrets.txt' %}", "include.jinja").render(HELLO, OPTIONS))
                .isInstanceOf(ChatTemplateException.class);
        assertThatThrownBy(() -> ChatTemplate.of("{% import 'macros.jinja' as m %}", "import.jinja").render(HELLO, OPTIONS))
                .isInstanceOf(ChatTemplateException.class);
    }

    @Test
    void messageTextIsNeverEvaluatedAsTemplateCode() {
        ChatTemplate template = ChatTemplate.of("{% for m in messages %}[{{ m.content }}]{% endfor %}", "echo.jinja");

        assertThat(template.render(List.of(ChatMessage.user("{{ raise_exception('x') }} {% if %}")), OPTIONS))
                .isEqualTo("[{{ raise_exception('x') }} {% if %}]");
    }
}
