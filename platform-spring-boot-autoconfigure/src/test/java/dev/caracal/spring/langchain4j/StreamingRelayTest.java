package dev.caracal.spring.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.spring.boot.chat.ChatTurn;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A reply's steps as LangChain4j's streaming callbacks, in order, on made-up steps: reasoning, text, several tool
 * calls, a callback that throws, and an engine that fails.
 */
class StreamingRelayTest {

    /** Every callback, as text, in the order it came. */
    static class RecordingHandler implements StreamingChatResponseHandler {

        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile ChatResponse response;
        volatile Throwable error;

        @Override
        public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
            calls.add("thinking " + thinking.text());
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            calls.add("text " + partial.text());
        }

        @Override
        public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
            calls.add("partial call " + partial.index() + " " + partial.id() + " " + partial.name() + " "
                    + partial.partialArguments());
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall complete) {
            calls.add("call " + complete.index() + " " + complete.toolExecutionRequest().arguments());
        }

        @Override
        public void onCompleteResponse(ChatResponse complete) {
            calls.add("complete");
            response = complete;
        }

        @Override
        public void onError(Throwable failure) {
            calls.add("error " + failure.getMessage());
            error = failure;
        }
    }

    private static ChatTurn.Step step(List<OutputEvent> events, boolean calledTools) {
        return new ChatTurn.Step(new TokenChunk("request-1", List.of(), "", null, null, null, null), events, 2,
                calledTools);
    }

    private static ChatTurn.Step last(FinishReason finish, int generated, String error, boolean calledTools) {
        RequestMetrics metrics = new RequestMetrics(Duration.ZERO, Optional.empty(), List.of(), Duration.ZERO, 4, 0,
                generated, 0, finish);
        return new ChatTurn.Step(new TokenChunk("request-1", List.of(), "", finish, metrics, error, null), List.of(),
                2, calledTools);
    }

    private static RecordingHandler relay(ChatTurn.Step... steps) {
        RecordingHandler handler = new RecordingHandler();
        ChatTurn turn = new ChatTurn("qwen", 4, Flux.just(steps));
        turn.steps().subscribe(new CaracalStreamingChatModel.Relay(turn, handler));
        return handler;
    }

    @Test
    void reasoningTextAndEachToolCallStreamInOrderAndCompleteInTheResponse() {
        RecordingHandler handler = relay(
                step(List.of(new OutputEvent.ReasoningDelta("Paris "), new OutputEvent.ReasoningDelta("and Rome")),
                        false),
                step(List.of(new OutputEvent.ContentDelta("Looking.")), false),
                step(List.of(new OutputEvent.ToolCallStart(0, "call_1", "get_weather"),
                        new OutputEvent.ToolCallArguments(0, "{\"city\": "),
                        new OutputEvent.ToolCallArguments(0, "\"Paris\"}")), true),
                step(List.of(new OutputEvent.ToolCallStart(1, "call_2", "get_weather"),
                        new OutputEvent.ToolCallArguments(1, "{\"city\": \"Rome\"}")), true),
                last(FinishReason.STOP, 9, null, true));

        assertThat(handler.calls).containsExactly(
                "thinking Paris ", "thinking and Rome", "text Looking.",
                "partial call 0 call_1 get_weather {\"city\": ", "partial call 0 call_1 get_weather \"Paris\"}",
                "call 0 {\"city\": \"Paris\"}",
                "partial call 1 call_2 get_weather {\"city\": \"Rome\"}",
                "call 1 {\"city\": \"Rome\"}",
                "complete");
        ChatResponse response = handler.response;
        assertThat(response.aiMessage().thinking()).isEqualTo("Paris and Rome");
        assertThat(response.aiMessage().text()).isEqualTo("Looking.");
        assertThat(response.aiMessage().toolExecutionRequests()).containsExactly(
                ToolExecutionRequest.builder().id("call_1").name("get_weather").arguments("{\"city\": \"Paris\"}")
                        .build(),
                ToolExecutionRequest.builder().id("call_2").name("get_weather").arguments("{\"city\": \"Rome\"}")
                        .build());
        assertThat(response.finishReason()).isEqualTo(dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION);
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(4);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(9);
        assertThat(response.id()).isEqualTo("request-1");
        assertThat(response.modelName()).isEqualTo("qwen");
    }

    @Test
    void aCallbackThatThrowsGoesToOnErrorAndTheStreamGoesOn() {
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                super.onPartialResponse(partial, context);
                if (partial.text().equals("Once")) {
                    throw new IllegalStateException("the handler failed");
                }
            }
        };
        ChatTurn turn = new ChatTurn("stories", 4, Flux.just(step(List.of(new OutputEvent.ContentDelta("Once")),
                false), step(List.of(new OutputEvent.ContentDelta(" upon")), false), last(FinishReason.LENGTH, 2,
                null, false)));

        turn.steps().subscribe(new CaracalStreamingChatModel.Relay(turn, handler));

        assertThat(handler.calls).containsExactly("text Once", "error the handler failed", "text  upon", "complete");
        assertThat(handler.response.aiMessage().text()).isEqualTo("Once upon");
    }

    @Test
    void anEngineFailureGoesToOnErrorWithItsMessage() {
        RecordingHandler handler = relay(step(List.of(new OutputEvent.ContentDelta("On"),
                new OutputEvent.ToolCallStart(0, "call_1", "get_weather"),
                new OutputEvent.ToolCallArguments(0, "{\"ci")), true),
                last(FinishReason.ERROR, 1, "the model step failed: out of memory", true));

        assertThat(handler.calls).containsExactly("text On", "partial call 0 call_1 get_weather {\"ci",
                "error model qwen failed while answering: the model step failed: out of memory");
        assertThat(handler.response).isNull();
    }

    @Test
    void aStreamThatEndsWithoutItsFinalStepIsAnError() {
        RecordingHandler handler = relay(step(List.of(new OutputEvent.ContentDelta("On")), false));

        assertThat(handler.calls).containsExactly("text On", "error the reply ended without its final chunk");
    }
}
