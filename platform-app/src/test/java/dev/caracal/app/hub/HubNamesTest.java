package dev.caracal.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Names from the caller and from the hub, before they become URLs and paths. */
class HubNamesTest {

    @Test
    void repositoriesAreOrgSlashNameAsTheHubSpellsThem() {
        assertThat(HubNames.repository("TheBloke/Llama-2-7B-GGUF")).isEqualTo("TheBloke/Llama-2-7B-GGUF");
        assertThat(HubNames.repository("gpt2")).isEqualTo("gpt2");
        for (String invalid : new String[] {"", "a/b/c", "../x", "a/..", "a--b/c", "a/b.", "-a/b", "a b/c", "/a"}) {
            assertThatThrownBy(() -> HubNames.repository(invalid)).as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void filesAndRevisionsStayInsideTheirFolders() {
        assertThat(HubNames.file("onnx/model.onnx")).isEqualTo("onnx/model.onnx");
        assertThat(HubNames.revision("refs/pr/1")).isEqualTo("refs/pr/1");
        for (String invalid : new String[] {"", "/etc/passwd", "a/../../b", "..", "a//b", "a\\b", "a/./b", "a\u0000"}) {
            assertThatThrownBy(() -> HubNames.file(invalid)).as(invalid).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> HubNames.revision(invalid)).as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void urlsEncodeARevisionAsOneSegmentAndAFileAsAPath() {
        assertThat(HubNames.encodeSegment("refs/pr/1")).isEqualTo("refs%2Fpr%2F1");
        assertThat(HubNames.encodePath("sub dir/modèle+1.gguf")).isEqualTo("sub%20dir/mod%C3%A8le%2B1.gguf");
    }

    @Test
    void etagsFromTheHubBecomeSafeFileNames() {
        assertThat(HubClient.normalizeEtag("\"" + "a".repeat(64) + "\"")).isEqualTo("a".repeat(64));
        assertThat(HubClient.normalizeEtag("W/\"abc-1\"")).isEqualTo("abc-1");
        assertThat(HubNames.isSha256("a".repeat(64))).isTrue();
        assertThat(HubNames.isSha256("a".repeat(40))).isFalse();
        assertThat(HubNames.isSafeCacheName("abc-1")).isTrue();
        for (String unsafe : new String[] {"..", "../x", ".hidden", "a/b", "", "a b"}) {
            assertThat(HubNames.isSafeCacheName(unsafe)).as(unsafe).isFalse();
        }
    }
}
