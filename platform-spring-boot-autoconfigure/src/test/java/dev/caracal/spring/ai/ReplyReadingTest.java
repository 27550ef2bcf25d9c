package dev.caracal.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.RequestMetrics;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.spring.boot.chat.ChatTurn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.Flux;

/**
 * A turn's steps read into Spring AI responses, for what the demo model does not write: reasoning, tool calls read
 * piece by piece, a cancelled or failed request.
 */
class ReplyReadingTest {

    private static final String REQUEST = "request-1";
    private static final String MODEL = "qwen3";

    private static ChatTurn.Step step(boolean calledTools, OutputEvent... events) {
        return new ChatTurn.Step(new TokenChunk(REQUEST, List.of(), "", null, null, null, null), List.of(events), 0,
                calledTools);
    }

    private static ChatTurn.Step last(FinishReason reason, int generated, String error, boolean calledTools,
            OutputEvent... events) {
        RequestMetrics metrics = new RequestMetrics(Duration.ZERO, Optional.empty(), List.of(), Duration.ZERO, 7, 0,
                generated, 0, reason);
        return new ChatTurn.Step(new TokenChunk(REQUEST, List.of(), "", reason, metrics, error, null),
                List.of(events), 2, calledTools);
    }

    private static ChatTurn turn(ChatTurn.Step... steps) {
        return new ChatTurn(MODEL, 7, Flux.just(steps));
    }

    private static String text(ChatResponse response) {
        return response.getResult().getOutput().getText();
    }

    private static Object reasoning(ChatResponse response) {
        return response.getResult().getOutput().getMetadata().get(CaracalSpringAiChatModel.REASONING_CONTENT);
    }

    @Test
    void reasoningGoesToTheMessagesMetadataSoFarInEachPieceAndWholeInTheReply() {
        ChatTurn.Step[] steps = {step(false, new OutputEvent.ReasoningDelta("Ann is")),
            step(false, new OutputEvent.ReasoningDelta(" seven."), new OutputEvent.ContentDelta("Seven")),
            step(false), last(FinishReason.STOP, 4, null, false, new OutputEvent.ContentDelta("."))};
        List<ChatResponse> ended = new ArrayList<>();

        List<ChatResponse> pieces = CaracalSpringAiChatModel.pieces(turn(steps), ended::add).collectList().block();
        ChatResponse whole = CaracalSpringAiChatModel.reply(turn(steps));

        assertThat(pieces).extracting(ReplyReadingTest::text).containsExactly("", "Seven", ".");
        assertThat(pieces).extracting(ReplyReadingTest::reasoning)
                .containsExactly("Ann is", "Ann is seven.", "Ann is seven.");
        assertThat(pieces).allSatisfy(piece -> {
            assertThat(piece.getMetadata().getId()).isEqualTo(REQUEST);
            assertThat(piece.getMetadata().getModel()).isEqualTo(MODEL);
        });
        assertThat(pieces.getLast().getResult().getMetadata().getFinishReason()).isEqualTo("STOP");
        assertThat(pieces.getLast().getMetadata().<Integer>get(CaracalSpringAiChatModel.REASONING_TOKENS)).isEqualTo(2);
        assertThat(text(whole)).isEqualTo("Seven.");
        assertThat(reasoning(whole)).isEqualTo("Ann is seven.");
        assertThat(whole.getMetadata().getUsage().getPromptTokens()).isEqualTo(7);
        assertThat(whole.getMetadata().getUsage().getCompletionTokens()).isEqualTo(4);
        assertThat(ended).singleElement().satisfies(response -> assertThat(text(response)).isEqualTo("Seven."));
    }

    @Test
    void toolCallsComeWholeInTheLastPieceWithFinishReasonToolCalls() {
        ChatTurn.Step[] steps = {step(true, new OutputEvent.ToolCallStart(0, "call_1", "weather")),
            step(true, new OutputEvent.ToolCallArguments(0, "{\"city\": "),
                    new OutputEvent.ToolCallArguments(0, "\"Paris\"}")),
            last(FinishReason.STOP, 12, null, true)};
        AssistantMessage.ToolCall call = new AssistantMessage.ToolCall("call_1", "function", "weather",
                "{\"city\": \"Paris\"}");

        List<ChatResponse> pieces = CaracalSpringAiChatModel.pieces(turn(steps), response -> {
        }).collectList().block();
        ChatResponse whole = CaracalSpringAiChatModel.reply(turn(steps));

        assertThat(pieces).singleElement().satisfies(piece -> {
            assertThat(piece.getResult().getOutput().getToolCalls()).containsExactly(call);
            assertThat(piece.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
        });
        assertThat(whole.getResult().getOutput().getToolCalls()).containsExactly(call);
        assertThat(whole.getResult().getOutput().getText()).isEmpty();
        assertThat(whole.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALLS");
    }

    @Test
    void aCancelledReplyEndsWithAbortAndAFailedOneIsAnErrorWithTheEnginesMessage() {
        ChatTurn.Step[] failed = {step(false, new OutputEvent.ContentDelta("Once")),
            last(FinishReason.ERROR, 1, "the model step failed: out of memory", false)};

        ChatResponse cancelled = CaracalSpringAiChatModel.reply(turn(last(FinishReason.CANCELLED, 0, null, false)));

        assertThat(cancelled.getResult().getMetadata().getFinishReason()).isEqualTo("ABORT");
        assertThatThrownBy(() -> CaracalSpringAiChatModel.reply(turn(failed)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model qwen3 failed: the model step failed: out of memory");
        assertThatThrownBy(() -> CaracalSpringAiChatModel.pieces(turn(failed), response -> {
        }).blockLast()).isInstanceOf(IllegalStateException.class).hasMessageContaining("out of memory");
        assertThat(CaracalSpringAiChatModel.pieces(turn(failed), response -> {
        }).onErrorComplete().collectList().block()).extracting(ReplyReadingTest::text).containsExactly("Once");
    }
}
