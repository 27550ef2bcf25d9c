package dev.caracal.formats.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.template.jinja.JinjaTemplate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jinja2 behaviour real chat templates rely on, each expected output as Jinja2 3.1 renders it with transformers'
 * settings ({@code trim_blocks}, {@code lstrip_blocks}, loop controls, its {@code tojson}): whitespace control,
 * Python string methods, slices, filters, tests, operators, loops and namespaces.
 */
class ChatTemplateJinjaSemanticsTest {

    private static final ChatTemplateOptions CONTEXT = ChatTemplateOptions.defaults()
            .withVariable("s", "  a b  ")
            .withVariable("items", List.of(1, 2, 3))
            .withVariable("d", ChatTemplateTestData.ordered("a", 1, "b", 2))
            .withVariable("people", List.of(ChatTemplateTestData.ordered("name", "al", "age", 30),
                    ChatTemplateTestData.ordered("name", "bo", "age", 10)));

    static Stream<Arguments> jinja2Behaviour() {
        return Stream.of(
                // whitespace: trim_blocks, lstrip_blocks, markers, comments, raw, the dropped final newline
                Arguments.of("a\n  {% if true %}\n    b\n  {% endif %}\nc", "a\n    b\nc"),
                Arguments.of("a  {% if true %}b{% endif %}  c", "a  b  c"),
                Arguments.of("x\n\t {# comment #}\ny", "x\ny"),
                Arguments.of("x {#- c -#} y", "xy"),
                Arguments.of("x\n  {%+ if true %}b{% endif +%}\nc", "x\n  b\nc"),
                Arguments.of("x\n  {%- if true -%}\n  b  \n{%- endif %}\n\nc", "xb\nc"),
                Arguments.of("{% raw %}\n{{ not evaluated }} {% if %}\n{% endraw %}\nz", "\n{{ not evaluated }} {% if %}\nz"),
                Arguments.of("a {{- 'b' -}} c\n{{ 'd' }}\n{{- 'e' }}", "abc\nde"),
                Arguments.of("line\n    {{ 'kept' }}\n  {% set x = 1 %}\nafter", "line\n    kept\nafter"),
                Arguments.of("{% macro m() -%}\n  body\n{%- endmacro %}\n[{{ m() }}]", "[body]"),
                Arguments.of("crlf\r\nline\r\n{% if true %}\r\nx\r\n{% endif %}\r\n", "crlf\nline\nx\n"),
                Arguments.of("text {# c #}\n  {% if true %}y{% endif %}", "text y"),
                Arguments.of("a{\n{%- if true %}b{% endif %}", "a{b"),
                // Python string methods
                Arguments.of("{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ \"xxhixx\".strip(\"x\") }}",
                        "a b|a b  |  a b|hi"),
                Arguments.of("{{ \"a,b,,c\".split(\",\") }}|{{ \"  a  b \".split() }}|{{ \"a b c\".rsplit(\" \", 1) }}",
                        "['a', 'b', '', 'c']|['a', 'b']|['a b', 'c']"),
                Arguments.of("{{ \"Hello\".startswith(\"He\") }}|{{ \"Hello\".endswith((\"lo\", \"x\")) }}|{{ \"Hello\".upper() }}",
                        "True|True|HELLO"),
                Arguments.of("{{ \"they're bill's friends\".title() }}|{{ \"hello world\"|title }}",
                        "They'Re Bill'S Friends|Hello World"),
                Arguments.of("{{ \"aaa\".replace(\"a\", \"b\", 2) }}|{{ \"-\".join([\"a\", \"b\"]) }}|{{ \"{} and {}\".format(\"x\", \"y\") }}",
                        "bba|a-b|x and y"),
                Arguments.of("{{ '<think>r</think>\\n\\nanswer'.split('</think>')[-1].lstrip('\\n') }}", "answer"),
                // slices and indices
                Arguments.of("{{ \"abcdef\"[::-1] }}|{{ \"abcdef\"[1:] }}|{{ \"abcdef\"[:-1] }}|{{ \"abcdef\"[1:5:2] }}",
                        "fedcba|bcdef|abcde|bd"),
                Arguments.of("{{ items[::-1] }}|{{ items[1:] }}|{{ items[-1] }}|{{ items[5:] }}", "[3, 2, 1]|[2, 3]|3|[]"),
                // tojson as transformers defines it: json.dumps(ensure_ascii=False)
                Arguments.of("{{ {\"a\": 1, \"b\": [1, 2.5, true, none], \"c\": \"é\\n\\\"q\\\"\"}|tojson }}",
                        "{\"a\": 1, \"b\": [1, 2.5, true, null], \"c\": \"é\\n\\\"q\\\"\"}"),
                Arguments.of("{{ {\"b\": 1, \"a\": {\"y\": [], \"x\": {}}}|tojson(indent=2) }}",
                        "{\n  \"b\": 1,\n  \"a\": {\n    \"y\": [],\n    \"x\": {}\n  }\n}"),
                Arguments.of("{{ {\"b\": 1, \"a\": 2}|tojson(sort_keys=true) }}|{{ [1.0, 0.1, 1e-7, 1e20]|tojson }}",
                        "{\"a\": 2, \"b\": 1}|[1.0, 0.1, 1e-07, 1e+20]"),
                // filters
                Arguments.of("{{ \"  x  \"|trim }}|{{ \"a\\nb\\n\\nc\"|indent(2) }}|{{ \"a\\nb\"|indent(2, true) }}",
                        "x|a\n  b\n\n  c|  a\n  b"),
                Arguments.of("{% for k, v in d|items %}{{ k }}={{ v }};{% endfor %}|{% for k, v in d.items() %}{{ k }}{% endfor %}",
                        "a=1;b=2;|ab"),
                Arguments.of("{{ d|string }}|{{ true|string }}|{{ [1, true, none]|join(\"-\") }}",
                        "{'a': 1, 'b': 2}|True|1-True-None"),
                Arguments.of("{{ items|length }}|{{ s|length }}|{{ undefined_thing|length }}|{{ [1, 2, 3]|sum }}", "3|7|0|6"),
                Arguments.of("{{ people|selectattr(\"age\", \"gt\", 20)|map(attribute=\"name\")|list }}|{{ [3, 1, 3]|unique|list }}",
                        "['al']|[3, 1]"),
                Arguments.of("{{ people|sort(attribute=\"age\")|map(attribute=\"name\")|join }}|{{ \"abc\"|list }}",
                        "boal|['a', 'b', 'c']"),
                // tests and operators
                Arguments.of("{{ s is string }}|{{ d is mapping }}|{{ s is iterable }}|{{ undefined_thing is defined }}",
                        "True|True|True|False"),
                Arguments.of("{{ \"ab\" * 3 }}|{{ 7 // 2 }}|{{ 7 / 2 }}|{{ 6 / 3 }}|{{ 2 ** 3 }}", "ababab|3|3.5|2.0|8"),
                Arguments.of("{{ \"a\" in d }}|{{ 9 not in items }}|{{ not \"a\" in d }}|{{ \"1\" == 1 }}|{{ 1 == 1.0 }}",
                        "True|True|False|False|True"),
                Arguments.of("{{ s or \"x\" }}|{{ \"\" or \"x\" }}|{{ s and \"y\" }}|{{ 0 and 1 }}", "  a b  |x|y|0"),
                Arguments.of("{{ true }}|{{ 1.0 }}|{{ [1, \"a\", true] }}|{{ {\"k\": \"v\"} }}", "True|1.0|[1, 'a', True]|{'k': 'v'}"),
                // loops, loop controls, scoping, namespaces, macros, blocks
                Arguments.of("{% for i in items %}{{ loop.index }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }};{% endfor %}",
                        "12TrueFalse;21FalseFalse;30FalseTrue;"),
                Arguments.of("{% for i in items %}{{ loop.previtem }}-{{ loop.nextitem }};{% endfor %}", "-2;1-3;2-;"),
                Arguments.of("{% for i in items %}{% if i == 2 %}{% break %}X{% endif %}{{ i }}{% endfor %}", "1"),
                Arguments.of("{% for i in items %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}", "13"),
                Arguments.of("{% for i in items if i != 2 %}{{ loop.index }}{{ i }}{% else %}none{% endfor %}|"
                        + "{% for i in [] %}x{% else %}none{% endfor %}", "1123|none"),
                Arguments.of("{% set x = 1 %}{% for i in items %}{% set x = i %}{% endfor %}{{ x }}", "1"),
                Arguments.of("{% for i in items %}{% if loop.first %}{% set a = 7 %}{% endif %}{{ a }};{% endfor %}", "7;;;"),
                Arguments.of("{% set ns = namespace(a=1, b=items|length - 1) %}{% for i in items %}{% set ns.a = ns.a + i %}"
                        + "{% endfor %}{{ ns.a }}/{{ ns.b }}", "7/2"),
                Arguments.of("{% macro m(a, b=2) %}{{ a }}+{{ b }}{% endmacro %}{{ m(1) }}|{{ m(1, b=3) }}", "1+2|1+3"),
                Arguments.of("{% set block %}  text {{ s }}{% endset %}[{{ block }}]|{% filter upper %}abc{% endfilter %}",
                        "[  text   a b  ]|ABC"),
                Arguments.of("{% if false %}a{% elif none %}b{% elif [1] %}c{% else %}d{% endif %}|{% if {} %}x{% endif %}", "c|"),
                // literals
                Arguments.of("{{ '\\u00e9\\t|' }}{{ \"it's\" }}|{{ \"x\\d\" }}|{{ {\"a\": {\"b\": 1}}[\"a\"][\"b\"] }}", "é\t|it's|x\\d|1"),
                // Jinja2's Markup: a plain string joined to a | safe one is HTML-escaped (Functionary v3.1 meets this)
                Arguments.of("{{ \"<b>\"|safe + '\"quoted\" & <tag>' }}", "<b>&#34;quoted&#34; &amp; &lt;tag&gt;"));
    }

    @ParameterizedTest
    @MethodSource("jinja2Behaviour")
    void rendersAsJinja2Does(String source, String expected) {
        assertThat(ChatTemplate.of(source, "snippet.jinja").render(List.of(), CONTEXT)).isEqualTo(expected);
    }

    @Test
    void noneAndUndefinedBothPrintAsNothing() {
        // Jinjava has one null for Python's None and for an undefined value; Jinja2 prints None as "None"
        assertThat(ChatTemplate.of("[{{ none }}|{{ d.get('zz') }}|{{ nothing }}]", "none.jinja").render(List.of(), CONTEXT))
                .isEqualTo("[||]");
    }

    @Test
    void strftimeFollowsPython() {
        ZonedDateTime time = ZonedDateTime.of(2024, 7, 6, 9, 5, 3, 0, ZoneId.of("UTC"));

        assertThat(JinjaTemplate.strftime(time, "%d %b %Y")).isEqualTo("06 Jul 2024");
        assertThat(JinjaTemplate.strftime(time, "%A, %B %-d, %Y %H:%M:%S %p %j %y %m %%"))
                .isEqualTo("Saturday, July 6, 2024 09:05:03 AM 188 24 07 %");
    }

    @Test
    void aParsedTemplateRendersOnManyThreadsAtOnce() throws Exception {
        ChatTemplate template = ChatTemplateTestData.template("meta-llama-Llama-3.1-8B-Instruct.jinja");
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withVariable("date_string", "26 Jul 2024");
        String expected = template.render(ChatTemplateTestData.conversation(), options);

        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = pool.invokeAll(java.util.Collections.nCopies(64,
                    () -> template.render(ChatTemplateTestData.conversation(), options)));
            for (var result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 200)
    void anyMessageTextAppearsVerbatimInQwenPrompts(@ForAll @StringLength(max = 40) String text) {
        ChatTemplate template = ChatTemplateTestData.template("Qwen-Qwen2.5-7B-Instruct.jinja");

        String prompt = template.render(List.of(ChatMessage.system("S"), ChatMessage.user(text)),
                ChatTemplateOptions.defaults());

        assertThat(prompt).isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\n" + text + "<|im_end|>\n");
    }

    @Test
    void variablesMayBeAnyJsonLikeValue() {
        ChatTemplate template = ChatTemplate.of("{{ config.flags[1] }} {{ config.depth + 1 }} {{ config.name }}", "vars.jinja");

        assertThat(template.render(List.of(), ChatTemplateOptions.defaults().withVariable("config",
                Map.of("flags", List.of(false, true), "depth", 2, "name", "x")))).isEqualTo("True 3 x");
    }
}
