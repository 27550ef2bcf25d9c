package dev.caracal.backend.xla.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The PJRT functions the bindings call: each one's name, its index in {@code PJRT_Api}'s table of function pointers
 * and the layout of its one argument ({@code <name>_Args}). Every one takes a pointer to its args struct; all but
 * {@code PJRT_Error_Destroy} and {@code PJRT_Error_Message} return a {@code PJRT_Error*}, null on success.
 */
enum PjrtFunction {
    ERROR_DESTROY("PJRT_Error_Destroy", 0, PjrtStructs.ERROR_DESTROY),
    ERROR_MESSAGE("PJRT_Error_Message", 1, PjrtStructs.ERROR_MESSAGE),
    ERROR_GET_CODE("PJRT_Error_GetCode", 2, PjrtStructs.ERROR_GET_CODE),
    PLUGIN_INITIALIZE("PJRT_Plugin_Initialize", 3, PjrtStructs.PLUGIN_INITIALIZE),
    PLUGIN_ATTRIBUTES("PJRT_Plugin_Attributes", 4, PjrtStructs.PLUGIN_ATTRIBUTES),
    EVENT_DESTROY("PJRT_Event_Destroy", 5, PjrtStructs.EVENT_DESTROY),
    EVENT_IS_READY("PJRT_Event_IsReady", 6, PjrtStructs.EVENT_IS_READY),
    EVENT_ERROR("PJRT_Event_Error", 7, PjrtStructs.EVENT_ERROR),
    EVENT_AWAIT("PJRT_Event_Await", 8, PjrtStructs.EVENT_AWAIT),
    CLIENT_CREATE("PJRT_Client_Create", 10, PjrtStructs.CLIENT_CREATE),
    CLIENT_DESTROY("PJRT_Client_Destroy", 11, PjrtStructs.CLIENT_DESTROY),
    CLIENT_PLATFORM_NAME("PJRT_Client_PlatformName", 12, PjrtStructs.CLIENT_PLATFORM_NAME),
    CLIENT_PLATFORM_VERSION("PJRT_Client_PlatformVersion", 14, PjrtStructs.CLIENT_PLATFORM_VERSION),
    CLIENT_DEVICES("PJRT_Client_Devices", 15, PjrtStructs.CLIENT_DEVICES),
    CLIENT_ADDRESSABLE_DEVICES("PJRT_Client_AddressableDevices", 16, PjrtStructs.CLIENT_ADDRESSABLE_DEVICES),
    CLIENT_COMPILE("PJRT_Client_Compile", 20, PjrtStructs.CLIENT_COMPILE),
    CLIENT_BUFFER_FROM_HOST_BUFFER("PJRT_Client_BufferFromHostBuffer", 22,
            PjrtStructs.CLIENT_BUFFER_FROM_HOST_BUFFER),
    DEVICE_DESCRIPTION_ID("PJRT_DeviceDescription_Id", 23, PjrtStructs.DEVICE_DESCRIPTION_ID),
    DEVICE_DESCRIPTION_KIND("PJRT_DeviceDescription_Kind", 26, PjrtStructs.DEVICE_DESCRIPTION_KIND),
    DEVICE_DESCRIPTION_DEBUG_STRING("PJRT_DeviceDescription_DebugString", 27,
            PjrtStructs.DEVICE_DESCRIPTION_DEBUG_STRING),
    DEVICE_GET_DESCRIPTION("PJRT_Device_GetDescription", 29, PjrtStructs.DEVICE_GET_DESCRIPTION),
    DEVICE_MEMORY_STATS("PJRT_Device_MemoryStats", 34, PjrtStructs.DEVICE_MEMORY_STATS),
    EXECUTABLE_DESTROY("PJRT_Executable_Destroy", 40, PjrtStructs.EXECUTABLE_DESTROY),
    EXECUTABLE_NUM_OUTPUTS("PJRT_Executable_NumOutputs", 44, PjrtStructs.EXECUTABLE_NUM_OUTPUTS),
    LOADED_EXECUTABLE_DESTROY("PJRT_LoadedExecutable_Destroy", 50, PjrtStructs.LOADED_EXECUTABLE_DESTROY),
    LOADED_EXECUTABLE_GET_EXECUTABLE("PJRT_LoadedExecutable_GetExecutable", 51,
            PjrtStructs.LOADED_EXECUTABLE_GET_EXECUTABLE),
    LOADED_EXECUTABLE_EXECUTE("PJRT_LoadedExecutable_Execute", 55, PjrtStructs.LOADED_EXECUTABLE_EXECUTE),
    BUFFER_DESTROY("PJRT_Buffer_Destroy", 58, PjrtStructs.BUFFER_DESTROY),
    BUFFER_ELEMENT_TYPE("PJRT_Buffer_ElementType", 59, PjrtStructs.BUFFER_ELEMENT_TYPE),
    BUFFER_DIMENSIONS("PJRT_Buffer_Dimensions", 60, PjrtStructs.BUFFER_DIMENSIONS),
    BUFFER_TO_HOST_BUFFER("PJRT_Buffer_ToHostBuffer", 70, PjrtStructs.BUFFER_TO_HOST_BUFFER),
    BUFFER_READY_EVENT("PJRT_Buffer_ReadyEvent", 72, PjrtStructs.BUFFER_READY_EVENT);

    /** Where the function pointers start: after struct_size, extension_start and the 24-byte PJRT_Api_Version. */
    static final long TABLE_OFFSET = 40;

    private static final MethodHandle MISSING;

    static {
        try {
            MISSING = MethodHandles.lookup().findStatic(PjrtFunction.class, "missing",
                    MethodType.methodType(MemorySegment.class, String.class, String.class));
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    final String header;
    final int index;
    final StructLayout args;

    PjrtFunction(String header, int index, StructLayout args) {
        this.header = header;
        this.index = index;
        this.args = args;
    }

    /** The function's offset in {@code PJRT_Api}. */
    long offset() {
        return TABLE_OFFSET + (long) index * 8;
    }

    /** Whether it returns a {@code PJRT_Error*} (else nothing). */
    boolean returnsError() {
        return this != ERROR_DESTROY && this != ERROR_MESSAGE;
    }

    /** {@code PJRT_Error* f(Args*)} or {@code void f(Args*)}. */
    FunctionDescriptor descriptor() {
        return returnsError() ? FunctionDescriptor.of(PjrtStructs.POINTER, PjrtStructs.POINTER)
                : FunctionDescriptor.ofVoid(PjrtStructs.POINTER);
    }

    /**
     * A downcall handle to this function in {@code table} (of {@code tableSize} bytes); where the table is too short
     * to hold it or holds a null pointer, a handle of the same type that throws an {@link IllegalStateException}
     * naming the function and the plugin, so that a plugin lacking a function Caracal never calls still loads.
     */
    MethodHandle bind(Linker linker, MemorySegment table, long tableSize, String plugin) {
        MemorySegment address = offset() + 8 <= tableSize ? table.get(PjrtStructs.POINTER, offset())
                : MemorySegment.NULL;
        if (!address.equals(MemorySegment.NULL)) {
            return linker.downcallHandle(address, descriptor());
        }
        MethodType type = descriptor().toMethodType();
        MethodHandle thrower = MethodHandles.insertArguments(MISSING, 0, plugin, header);
        if (type.returnType() == void.class) {
            thrower = MethodHandles.dropReturn(thrower);
        }
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    private static MemorySegment missing(String plugin, String function) {
        throw new IllegalStateException("plugin " + plugin + " has no " + function + " (its PJRT_Api holds no"
                + " pointer there)");
    }
}
