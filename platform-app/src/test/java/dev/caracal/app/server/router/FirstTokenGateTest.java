package dev.caracal.app.server.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstTokenGateTest {

    private static final String ROLE = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
    private static final String TOKEN = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\" Once\"},\"finish_reason\":null}]}\n\n";
    private static final String ERROR = "data: {\"error\":{\"message\":\"engine failed\","
            + "\"type\":\"server_error\"}}\n\n";

    @Test
    void holdsTheRoleChunkAndReleasesEverythingAtTheFirstToken() {
        FirstTokenGate gate = new FirstTokenGate();
        assertThat(gate.offer(bytes(ROLE))).isEmpty();
        assertThat(gate.isOpen()).isFalse();
        List<byte[]> released = gate.offer(bytes(TOKEN));
        assertThat(text(released)).isEqualTo(ROLE + TOKEN);
        assertThat(gate.isOpen()).isTrue();
        assertThat(text(gate.offer(bytes("data: [DONE]\n\n")))).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void findsEventsSplitAnywhereAcrossChunks() {
        String all = ROLE + ROLE + TOKEN;
        for (int cut = 1; cut < all.length(); cut += 7) {
            FirstTokenGate gate = new FirstTokenGate();
            List<byte[]> out = new ArrayList<>(gate.offer(bytes(all.substring(0, cut))));
            boolean openEarly = gate.isOpen();
            out.addAll(gate.offer(bytes(all.substring(cut))));
            assertThat(openEarly).as("open after %d bytes", cut).isEqualTo(cut >= ROLE.length() * 2 + TOKEN.length());
            assertThat(gate.isOpen()).isTrue();
            assertThat(text(out)).isEqualTo(all);
        }
    }

    @Test
    void anErrorBeforeAnyOutputFailsTheStreamAndDoneDoesNotOpenIt() {
        FirstTokenGate gate = new FirstTokenGate();
        assertThat(gate.offer(bytes(ROLE + ERROR + "data: [DONE]\n\n"))).isEmpty();
        assertThat(gate.failed()).isTrue();
        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void completionTextAFinishReasonOrAnEmptyStreamOpenIt() {
        FirstTokenGate text = new FirstTokenGate();
        text.offer(bytes("data: {\"choices\":[{\"index\":0,\"text\":\" play\",\"finish_reason\":null}]}\n\n"));
        assertThat(text.isOpen()).isTrue();
        FirstTokenGate finish = new FirstTokenGate();
        finish.offer(bytes(ROLE + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"));
        assertThat(finish.isOpen()).isTrue();
        FirstTokenGate tools = new FirstTokenGate();
        tools.offer(bytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0}]}}]}\n\n"));
        assertThat(tools.isOpen()).isTrue();
        FirstTokenGate done = new FirstTokenGate();
        done.offer(bytes("data: [DONE]\n\n"));
        assertThat(done.isOpen()).isTrue();
    }

    @Test
    void releaseGivesWhatWasHeldWhenTheStreamEnds() {
        FirstTokenGate gate = new FirstTokenGate();
        gate.offer(bytes(ROLE));
        assertThat(text(gate.release())).isEqualTo(ROLE);
        assertThat(gate.isOpen()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(List<byte[]> chunks) {
        StringBuilder all = new StringBuilder();
        chunks.forEach(chunk -> all.append(new String(chunk, StandardCharsets.UTF_8)));
        return all.toString();
    }
}
