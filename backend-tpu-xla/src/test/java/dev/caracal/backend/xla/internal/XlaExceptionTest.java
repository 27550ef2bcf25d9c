package dev.caracal.backend.xla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A plugin's error names the call, the code as the header names it, and the plugin's message. */
class XlaExceptionTest {

    @Test
    void theCodeIsNamedAsTheHeaderNamesIt() {
        XlaException exception = new XlaException("PJRT_Client_BufferFromHostBuffer", 8, "out of memory on device 0");
        assertThat(exception).hasMessage("PJRT_Client_BufferFromHostBuffer failed with RESOURCE_EXHAUSTED: out of"
                + " memory on device 0");
        assertThat(exception.codeName()).isEqualTo("PJRT_Error_Code_RESOURCE_EXHAUSTED");
        assertThat(exception.isResourceExhausted()).isTrue();
        assertThat(exception.pluginMessage()).isEqualTo("out of memory on device 0");
        assertThat(exception.call()).isEqualTo("PJRT_Client_BufferFromHostBuffer");
    }

    @Test
    void everyCodeHasItsHeaderName() {
        assertThat(new XlaException("f", 3, "m").codeName()).isEqualTo("PJRT_Error_Code_INVALID_ARGUMENT");
        assertThat(new XlaException("f", 12, "m").codeName()).isEqualTo("PJRT_Error_Code_UNIMPLEMENTED");
        assertThat(new XlaException("f", 16, "m").codeName()).isEqualTo("PJRT_Error_Code_UNAUTHENTICATED");
        assertThat(PjrtErrorCode.of(9)).contains(PjrtErrorCode.FAILED_PRECONDITION);
    }

    @Test
    void aCodeTheHeaderLacksKeepsItsNumber() {
        XlaException exception = new XlaException("PJRT_Client_Compile", 42, "new kind of failure");
        assertThat(exception.codeName()).isEqualTo("PJRT_Error_Code 42");
        assertThat(exception).hasMessage("PJRT_Client_Compile failed with unknown code 42: new kind of failure");
    }
}
