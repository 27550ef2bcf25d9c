package dev.caracal.backend.xla.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The C structs of the PJRT C API ({@code pjrt_c_api.h} 0.105) that the bindings fill and read, as FFM layouts with the
 * header's field names and C's padding. Each args struct begins with {@code size_t struct_size}, which a call sets to
 * {@link #structSize}: the end of the last field, without tail padding, as {@code PJRT_STRUCT_SIZE} defines it.
 */
public final class PjrtStructs {

    /** {@code size_t}, {@code int64_t}: 64 bits on the LP64 platforms PJRT plugins ship for. */
    static final ValueLayout.OfLong SIZE = JAVA_LONG;
    static final AddressLayout POINTER = ADDRESS;
    /** {@code int} and every enum of the header. */
    static final ValueLayout.OfInt INT = JAVA_INT;
    static final ValueLayout.OfBoolean BOOL = JAVA_BOOLEAN;

    static final StructLayout API_VERSION = struct("PJRT_Api_Version", SIZE.withName("struct_size"),
            POINTER.withName("extension_start"), INT.withName("major_version"), INT.withName("minor_version"));

    /** The start of {@code PJRT_Api}, before its function pointers: {@link PjrtFunction#TABLE_OFFSET} bytes. */
    static final StructLayout API_HEAD = struct("PJRT_Api", SIZE.withName("struct_size"),
            POINTER.withName("extension_start"), API_VERSION.withName("pjrt_api_version"));

    static final StructLayout ERROR_DESTROY = args("PJRT_Error_Destroy_Args", pointer("error"));
    static final StructLayout ERROR_MESSAGE = args("PJRT_Error_Message_Args", pointer("error"), pointer("message"),
            size("message_size"));
    static final StructLayout ERROR_GET_CODE = args("PJRT_Error_GetCode_Args", pointer("error"), integer("code"));

    /** A key and a value of one of five types; the value is an anonymous union in C, named {@code value} here. */
    static final StructLayout NAMED_VALUE = args("PJRT_NamedValue", pointer("name"), size("name_size"),
            integer("type"), MemoryLayout.unionLayout(POINTER.withName("string_value"),
                    SIZE.withName("int64_value"), POINTER.withName("int64_array_value"),
                    JAVA_FLOAT.withName("float_value"), BOOL.withName("bool_value")).withName("value"),
            size("value_size"));

    static final StructLayout PLUGIN_INITIALIZE = args("PJRT_Plugin_Initialize_Args");
    static final StructLayout PLUGIN_ATTRIBUTES = args("PJRT_Plugin_Attributes_Args", pointer("attributes"),
            size("num_attributes"));

    static final StructLayout EVENT_DESTROY = args("PJRT_Event_Destroy_Args", pointer("event"));
    static final StructLayout EVENT_IS_READY = args("PJRT_Event_IsReady_Args", pointer("event"),
            BOOL.withName("is_ready"));
    static final StructLayout EVENT_ERROR = args("PJRT_Event_Error_Args", pointer("event"));
    static final StructLayout EVENT_AWAIT = args("PJRT_Event_Await_Args", pointer("event"));

    static final StructLayout CLIENT_CREATE = args("PJRT_Client_Create_Args", pointer("create_options"),
            size("num_options"), pointer("kv_get_callback"), pointer("kv_get_user_arg"), pointer("kv_put_callback"),
            pointer("kv_put_user_arg"), pointer("client"), pointer("kv_try_get_callback"),
            pointer("kv_try_get_user_arg"));
    static final StructLayout CLIENT_DESTROY = args("PJRT_Client_Destroy_Args", pointer("client"));
    static final StructLayout CLIENT_PLATFORM_NAME = args("PJRT_Client_PlatformName_Args", pointer("client"),
            pointer("platform_name"), size("platform_name_size"));
    static final StructLayout CLIENT_PLATFORM_VERSION = args("PJRT_Client_PlatformVersion_Args", pointer("client"),
            pointer("platform_version"), size("platform_version_size"));
    static final StructLayout CLIENT_DEVICES = args("PJRT_Client_Devices_Args", pointer("client"),
            pointer("devices"), size("num_devices"));
    static final StructLayout CLIENT_ADDRESSABLE_DEVICES = args("PJRT_Client_AddressableDevices_Args",
            pointer("client"), pointer("addressable_devices"), size("num_addressable_devices"));
    static final StructLayout PROGRAM = args("PJRT_Program", pointer("code"), size("code_size"), pointer("format"),
            size("format_size"));
    static final StructLayout CLIENT_COMPILE = args("PJRT_Client_Compile_Args", pointer("client"),
            pointer("program"), pointer("compile_options"), size("compile_options_size"), pointer("executable"));
    static final StructLayout CLIENT_BUFFER_FROM_HOST_BUFFER = args("PJRT_Client_BufferFromHostBuffer_Args",
            pointer("client"), pointer("data"), integer("type"), pointer("dims"), size("num_dims"),
            pointer("byte_strides"), size("num_byte_strides"), integer("host_buffer_semantics"), pointer("device"),
            pointer("memory"), pointer("device_layout"), pointer("done_with_host_buffer"), pointer("buffer"));

    static final StructLayout DEVICE_DESCRIPTION_ID = args("PJRT_DeviceDescription_Id_Args",
            pointer("device_description"), integer("id"));
    static final StructLayout DEVICE_DESCRIPTION_KIND = args("PJRT_DeviceDescription_Kind_Args",
            pointer("device_description"), pointer("device_kind"), size("device_kind_size"));
    static final StructLayout DEVICE_DESCRIPTION_DEBUG_STRING = args("PJRT_DeviceDescription_DebugString_Args",
            pointer("device_description"), pointer("debug_string"), size("debug_string_size"));
    static final StructLayout DEVICE_GET_DESCRIPTION = args("PJRT_Device_GetDescription_Args", pointer("device"),
            pointer("device_description"));
    /** Each optional statistic is an {@code int64_t} followed by a {@code bool} saying whether it was set. */
    static final StructLayout DEVICE_MEMORY_STATS = args("PJRT_Device_MemoryStats_Args", pointer("device"),
            size("bytes_in_use"), size("peak_bytes_in_use"), BOOL.withName("peak_bytes_in_use_is_set"),
            size("num_allocs"), BOOL.withName("num_allocs_is_set"), size("largest_alloc_size"),
            BOOL.withName("largest_alloc_size_is_set"), size("bytes_limit"), BOOL.withName("bytes_limit_is_set"),
            size("bytes_reserved"), BOOL.withName("bytes_reserved_is_set"), size("peak_bytes_reserved"),
            BOOL.withName("peak_bytes_reserved_is_set"), size("bytes_reservable_limit"),
            BOOL.withName("bytes_reservable_limit_is_set"), size("largest_free_block_bytes"),
            BOOL.withName("largest_free_block_bytes_is_set"), size("pool_bytes"), BOOL.withName("pool_bytes_is_set"),
            size("peak_pool_bytes"), BOOL.withName("peak_pool_bytes_is_set"));

    static final StructLayout EXECUTABLE_DESTROY = args("PJRT_Executable_Destroy_Args", pointer("executable"));
    static final StructLayout EXECUTABLE_NUM_OUTPUTS = args("PJRT_Executable_NumOutputs_Args",
            pointer("executable"), size("num_outputs"));
    static final StructLayout LOADED_EXECUTABLE_DESTROY = args("PJRT_LoadedExecutable_Destroy_Args",
            pointer("executable"));
    static final StructLayout LOADED_EXECUTABLE_GET_EXECUTABLE = args("PJRT_LoadedExecutable_GetExecutable_Args",
            pointer("loaded_executable"), pointer("executable"));
    static final StructLayout EXECUTE_OPTIONS = args("PJRT_ExecuteOptions", pointer("send_callbacks"),
            pointer("recv_callbacks"), size("num_send_ops"), size("num_recv_ops"), integer("launch_id"),
            pointer("non_donatable_input_indices"), size("num_non_donatable_input_indices"), pointer("context"),
            pointer("call_location"), size("num_tasks"), pointer("task_ids"), pointer("incarnation_ids"),
            pointer("multi_slice_config"));
    static final StructLayout LOADED_EXECUTABLE_EXECUTE = args("PJRT_LoadedExecutable_Execute_Args",
            pointer("executable"), pointer("options"), pointer("argument_lists"), size("num_devices"),
            size("num_args"), pointer("output_lists"), pointer("device_complete_events"), pointer("execute_device"));

    static final StructLayout BUFFER_DESTROY = args("PJRT_Buffer_Destroy_Args", pointer("buffer"));
    static final StructLayout BUFFER_ELEMENT_TYPE = args("PJRT_Buffer_ElementType_Args", pointer("buffer"),
            integer("type"));
    static final StructLayout BUFFER_DIMENSIONS = args("PJRT_Buffer_Dimensions_Args", pointer("buffer"),
            pointer("dims"), size("num_dims"));
    static final StructLayout BUFFER_TO_HOST_BUFFER = args("PJRT_Buffer_ToHostBuffer_Args", pointer("src"),
            pointer("host_layout"), pointer("dst"), size("dst_size"), pointer("event"));
    static final StructLayout BUFFER_READY_EVENT = args("PJRT_Buffer_ReadyEvent_Args", pointer("buffer"),
            pointer("event"));

    private PjrtStructs() {
    }

    /** Every struct above, for the tests. */
    static List<StructLayout> all() {
        return List.of(API_VERSION, ERROR_DESTROY, ERROR_MESSAGE, ERROR_GET_CODE, NAMED_VALUE, PLUGIN_INITIALIZE,
                PLUGIN_ATTRIBUTES, EVENT_DESTROY, EVENT_IS_READY, EVENT_ERROR, EVENT_AWAIT, CLIENT_CREATE,
                CLIENT_DESTROY, CLIENT_PLATFORM_NAME, CLIENT_PLATFORM_VERSION, CLIENT_DEVICES,
                CLIENT_ADDRESSABLE_DEVICES, PROGRAM, CLIENT_COMPILE, CLIENT_BUFFER_FROM_HOST_BUFFER,
                DEVICE_DESCRIPTION_ID, DEVICE_DESCRIPTION_KIND, DEVICE_DESCRIPTION_DEBUG_STRING,
                DEVICE_GET_DESCRIPTION, DEVICE_MEMORY_STATS, EXECUTABLE_DESTROY, EXECUTABLE_NUM_OUTPUTS,
                LOADED_EXECUTABLE_DESTROY, LOADED_EXECUTABLE_GET_EXECUTABLE, EXECUTE_OPTIONS,
                LOADED_EXECUTABLE_EXECUTE, BUFFER_DESTROY, BUFFER_ELEMENT_TYPE, BUFFER_DIMENSIONS,
                BUFFER_TO_HOST_BUFFER, BUFFER_READY_EVENT);
    }

    /**
     * {@code PJRT_STRUCT_SIZE(name, last_field)}: the offset of the last field plus its size, the value a caller puts
     * in {@code struct_size}. Smaller than {@code layout.byteSize()} where C pads the tail.
     */
    static long structSize(StructLayout layout) {
        List<MemoryLayout> members = layout.memberLayouts();
        long end = 0;
        long offset = 0;
        for (MemoryLayout member : members) {
            offset += member.byteSize();
            if (!(member instanceof PaddingLayout)) {
                end = offset;
            }
        }
        return end;
    }

    /** A struct named {@code name} whose first two fields are {@code struct_size} and {@code extension_start}. */
    private static StructLayout args(String name, MemoryLayout... fields) {
        List<MemoryLayout> all = new ArrayList<>();
        all.add(SIZE.withName("struct_size"));
        all.add(POINTER.withName("extension_start"));
        all.addAll(List.of(fields));
        return struct(name, all.toArray(MemoryLayout[]::new));
    }

    /** {@code fields} as a C compiler lays them out: each at a multiple of its alignment, the end padded. */
    static StructLayout struct(String name, MemoryLayout... fields) {
        List<MemoryLayout> members = new ArrayList<>();
        long offset = 0;
        long alignment = 1;
        for (MemoryLayout field : fields) {
            long gap = (field.byteAlignment() - offset % field.byteAlignment()) % field.byteAlignment();
            if (gap > 0) {
                members.add(MemoryLayout.paddingLayout(gap));
                offset += gap;
            }
            members.add(field);
            offset += field.byteSize();
            alignment = Math.max(alignment, field.byteAlignment());
        }
        long tail = (alignment - offset % alignment) % alignment;
        if (tail > 0) {
            members.add(MemoryLayout.paddingLayout(tail));
        }
        return MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName(name);
    }

    private static MemoryLayout pointer(String name) {
        return POINTER.withName(name);
    }

    private static MemoryLayout size(String name) {
        return SIZE.withName(name);
    }

    private static MemoryLayout integer(String name) {
        return INT.withName(name);
    }
}
