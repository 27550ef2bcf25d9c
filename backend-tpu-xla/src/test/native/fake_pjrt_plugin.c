/*
 * A fake PJRT plugin for the tests: GetPjrtApi() returns a PJRT_Api table with the version and size the build asks for
 * and, unless FAKE_NO_FUNCTIONS, a few functions (errors, plugin initialize and attributes, a client with one device)
 * at their indices in the table. Each function checks that the caller's struct_size is at least the header's
 * STRUCT_SIZE, as real plugins do. What the tests read: the counters fake_initialized, fake_errors_destroyed and
 * fake_clients_destroyed, and fake_client_options.
 *
 * The client has one device; its buffers live in host memory; it compiles any program ("mlir" format) into an
 * executable of one output that copies its first argument, recording the program, the compile options and the
 * non-donatable argument indices it was given.
 *
 * Build switches: -DFAKE_MAJOR=n -DFAKE_MINOR=n (default 0.105), -DFAKE_TABLE_SIZE=n (the struct_size the table
 * claims, default the whole table), -DFAKE_NO_FUNCTIONS (all pointers null), -DFAKE_CLIENT_FAILS (PJRT_Client_Create
 * returns a FAILED_PRECONDITION error naming the options it was given), -DFAKE_COMPILE_FAILS (PJRT_Client_Compile
 * returns an INVALID_ARGUMENT error quoting the program's first line), -DFAKE_EXECUTE_OPTIONS_SIZE=n (the
 * PJRT_ExecuteOptions size the plugin requires, default 0.105's 120, larger to play a plugin whose struct has grown).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FAKE_MAJOR
#define FAKE_MAJOR 0
#endif
#ifndef FAKE_MINOR
#define FAKE_MINOR 105
#endif
#ifndef FAKE_EXECUTE_OPTIONS_SIZE
#define FAKE_EXECUTE_OPTIONS_SIZE 120
#endif

/* The layouts below follow pjrt_c_api.h 0.105, reduced to what the fake reads and writes. */
typedef struct {
  size_t struct_size;
  void* extension_start;
  int major_version;
  int minor_version;
} Version;

typedef struct {
  size_t struct_size;
  void* extension_start;
  Version pjrt_api_version;
  void* functions[136];
} Api;

typedef struct {
  int code;
  char message[512];
} FakeError;

typedef struct {
  size_t struct_size;
  void* extension_start;
  const char* name;
  size_t name_size;
  int type;
  union {
    const char* string_value;
    int64_t int64_value;
    const int64_t* int64_array_value;
    float float_value;
    bool bool_value;
  };
  size_t value_size;
} NamedValue;

typedef struct { size_t struct_size; void* extension_start; FakeError* error; } ErrorDestroyArgs;
typedef struct {
  size_t struct_size; void* extension_start; const FakeError* error; const char* message; size_t message_size;
} ErrorMessageArgs;
typedef struct { size_t struct_size; void* extension_start; const FakeError* error; int code; } ErrorGetCodeArgs;
typedef struct { size_t struct_size; void* extension_start; } PluginInitializeArgs;
typedef struct {
  size_t struct_size; void* extension_start; const NamedValue* attributes; size_t num_attributes;
} PluginAttributesArgs;
typedef struct {
  size_t struct_size; void* extension_start; const NamedValue* create_options; size_t num_options;
  void* kv_get_callback; void* kv_get_user_arg; void* kv_put_callback; void* kv_put_user_arg;
  void* client;
  void* kv_try_get_callback; void* kv_try_get_user_arg;
} ClientCreateArgs;
typedef struct { size_t struct_size; void* extension_start; void* client; } ClientDestroyArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* client; const char* text; size_t text_size;
} ClientTextArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* client; void* const* devices; size_t num_devices;
} ClientDevicesArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* device; void* device_description;
} GetDescriptionArgs;
typedef struct { size_t struct_size; void* extension_start; void* event; bool is_ready; } EventIsReadyArgs;
typedef struct { size_t struct_size; void* extension_start; void* event; } EventArgs;
typedef struct {
  size_t struct_size; void* extension_start; char* code; size_t code_size; const char* format; size_t format_size;
} Program;
typedef struct {
  size_t struct_size; void* extension_start; void* client; const Program* program; const char* compile_options;
  size_t compile_options_size; void* executable;
} CompileArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* client; const void* data; int type; const int64_t* dims;
  size_t num_dims; const int64_t* byte_strides; size_t num_byte_strides; int host_buffer_semantics; void* device;
  void* memory; void* device_layout; void* done_with_host_buffer; void* buffer;
} BufferFromHostArgs;
typedef struct { size_t struct_size; void* extension_start; void* buffer; } BufferArgs;
typedef struct { size_t struct_size; void* extension_start; void* buffer; int type; } BufferTypeArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* buffer; const int64_t* dims; size_t num_dims;
} BufferDimensionsArgs;
typedef struct { size_t struct_size; void* extension_start; void* buffer; void* event; } BufferEventArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* src; void* host_layout; void* dst; size_t dst_size; void* event;
} ToHostArgs;
typedef struct { size_t struct_size; void* extension_start; void* executable; } ExecutableArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* loaded_executable; void* executable;
} GetExecutableArgs;
typedef struct { size_t struct_size; void* extension_start; void* executable; size_t num_outputs; } NumOutputsArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* send_callbacks; void* recv_callbacks; size_t num_send_ops;
  size_t num_recv_ops; int launch_id; const int64_t* non_donatable_input_indices;
  size_t num_non_donatable_input_indices; void* context; const char* call_location; size_t num_tasks;
  int* task_ids; int64_t* incarnation_ids; void* multi_slice_config;
} ExecuteOptions;
typedef struct {
  size_t struct_size; void* extension_start; void* executable; ExecuteOptions* options;
  void* const* const* argument_lists; size_t num_devices; size_t num_args; void** const* output_lists;
  void** device_complete_events; void* execute_device;
} ExecuteArgs;

typedef struct {
  int type;
  int64_t dims[8];
  size_t num_dims;
  size_t bytes;
  void* data;
} FakeBuffer;
typedef struct { size_t struct_size; void* extension_start; void* device_description; int id; } DescriptionIdArgs;
typedef struct {
  size_t struct_size; void* extension_start; void* device_description; const char* text; size_t text_size;
} DescriptionTextArgs;

int fake_initialized = 0;
int fake_errors_destroyed = 0;
int fake_clients_destroyed = 0;
int fake_buffers_destroyed = 0;
int fake_events_destroyed = 0;
int fake_executables_destroyed = 0;
int fake_loaded_executables_destroyed = 0;
/* The options the last PJRT_Client_Create was given, as "name=type:value, ...". */
char fake_client_options[400];
/* The last compiled program ("format: code") and its compile options in hex ("1a 04 ..."). */
char fake_program[400];
char fake_compile_options[400];
/* The non-donatable argument indices of the last execution ("0,2") and its argument count. */
char fake_non_donatable[100];
int fake_last_argument_count = -1;
int fake_last_semantics = -1;

static int fake_client;
static int fake_executable;
static int fake_loaded_executable;
static int fake_device;
static int fake_description;
static void* const fake_devices[] = {&fake_device};
static const int64_t stablehlo_version[] = {1, 9, 3};

static FakeError* fail(int code, const char* message) {
  FakeError* error = malloc(sizeof(FakeError));
  error->code = code;
  snprintf(error->message, sizeof(error->message), "%s", message);
  return error;
}

/* An INVALID_ARGUMENT error where the caller's struct_size is below the header's, worded as XLA's plugins word it. */
static FakeError* too_small(size_t given, size_t expected, const char* name) {
  char message[256];
  snprintf(message, sizeof(message), "Unexpected %s size: expected %zu, got %zu. Check installed software versions.",
           name, expected, given);
  return fail(3, message);
}

#define CHECK_SIZE(args, expected, name) \
  if ((args)->struct_size < (expected)) return too_small((args)->struct_size, (expected), (name))

static void error_destroy(ErrorDestroyArgs* args) {
  if (args->error != NULL) {
    fake_errors_destroyed++;
    free(args->error);
  }
}

static void error_message(ErrorMessageArgs* args) {
  args->message = args->struct_size < 40 ? "Error_Message struct_size too small" : args->error->message;
  args->message_size = strlen(args->message);
}

static FakeError* error_get_code(ErrorGetCodeArgs* args) {
  CHECK_SIZE(args, 28, "PJRT_Error_GetCode_Args");
  args->code = args->error->code;
  return NULL;
}

static FakeError* plugin_initialize(PluginInitializeArgs* args) {
  CHECK_SIZE(args, 16, "PJRT_Plugin_Initialize_Args");
  fake_initialized++;
  return NULL;
}

static FakeError* plugin_attributes(PluginAttributesArgs* args) {
  static NamedValue attributes[2];
  CHECK_SIZE(args, 32, "PJRT_Plugin_Attributes_Args");
  attributes[0] = (NamedValue){.struct_size = 56, .name = "xla_version", .name_size = 11, .type = 1,
                               .int64_value = 42, .value_size = 1};
  attributes[1] = (NamedValue){.struct_size = 56, .name = "stablehlo_current_version", .name_size = 25, .type = 2,
                               .int64_array_value = stablehlo_version, .value_size = 3};
  args->attributes = attributes;
  args->num_attributes = 2;
  return NULL;
}

/* "name=type:value" for each option, separated by ", ". */
static void describe_options(const ClientCreateArgs* args, char* out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < args->num_options && used < size; i++) {
    const NamedValue* option = &args->create_options[i];
    const char* separator = i == 0 ? "" : ", ";
    int name_size = (int) option->name_size;
    switch (option->type) {
      case 0:
        used += snprintf(out + used, size - used, "%s%.*s=string:%.*s", separator, name_size, option->name,
                         (int) option->value_size, option->string_value);
        break;
      case 1:
        used += snprintf(out + used, size - used, "%s%.*s=int64:%lld", separator, name_size, option->name,
                         (long long) option->int64_value);
        break;
      case 3:
        used += snprintf(out + used, size - used, "%s%.*s=float:%.2f", separator, name_size, option->name,
                         option->float_value);
        break;
      case 4:
        used += snprintf(out + used, size - used, "%s%.*s=bool:%d", separator, name_size, option->name,
                         option->bool_value ? 1 : 0);
        break;
      default:
        used += snprintf(out + used, size - used, "%s%.*s=type %d", separator, name_size, option->name,
                         option->type);
    }
  }
}

static FakeError* client_create(ClientCreateArgs* args) {
  CHECK_SIZE(args, 88, "PJRT_Client_Create_Args");
  describe_options(args, fake_client_options, sizeof(fake_client_options));
#ifdef FAKE_CLIENT_FAILS
  char message[512];
  snprintf(message, sizeof(message), "fake plugin has no device; options: %s", fake_client_options);
  return fail(9, message);
#else
  args->client = &fake_client;
  return NULL;
#endif
}

static FakeError* client_destroy(ClientDestroyArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_Client_Destroy_Args");
  if (args->client == &fake_client) {
    fake_clients_destroyed++;
  }
  return NULL;
}

static FakeError* client_platform_name(ClientTextArgs* args) {
  CHECK_SIZE(args, 40, "PJRT_Client_PlatformName_Args");
  args->text = "fake";
  args->text_size = 4;
  return NULL;
}

static FakeError* client_platform_version(ClientTextArgs* args) {
  CHECK_SIZE(args, 40, "PJRT_Client_PlatformVersion_Args");
  args->text = "fake 0.1";
  args->text_size = 8;
  return NULL;
}

static FakeError* client_devices(ClientDevicesArgs* args) {
  CHECK_SIZE(args, 40, "PJRT_Client_AddressableDevices_Args");
  args->devices = fake_devices;
  args->num_devices = 1;
  return NULL;
}

static FakeError* device_get_description(GetDescriptionArgs* args) {
  CHECK_SIZE(args, 32, "PJRT_Device_GetDescription_Args");
  args->device_description = args->device == &fake_device ? &fake_description : NULL;
  return NULL;
}

static FakeError* description_id(DescriptionIdArgs* args) {
  CHECK_SIZE(args, 28, "PJRT_DeviceDescription_Id_Args");
  args->id = 7;
  return NULL;
}

static FakeError* description_kind(DescriptionTextArgs* args) {
  CHECK_SIZE(args, 40, "PJRT_DeviceDescription_Kind_Args");
  args->text = "Fake Device";
  args->text_size = 11;
  return NULL;
}

static void* new_event(void) {
  return calloc(1, 16);
}

static FakeError* event_destroy(EventArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_Event_Destroy_Args");
  if (args->event != NULL) {
    fake_events_destroyed++;
    free(args->event);
  }
  return NULL;
}

static FakeError* event_is_ready(EventIsReadyArgs* args) {
  CHECK_SIZE(args, 25, "PJRT_Event_IsReady_Args");
  args->is_ready = true;
  return NULL;
}

static FakeError* event_done(EventArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_Event_Await_Args");
  return NULL;
}

static size_t element_bytes(int type) {
  switch (type) {
    case 6: return 1;                    /* U8 */
    case 10: case 13: return 2;          /* F16, BF16 */
    case 4: case 11: return 4;           /* S32, F32 */
    default: return 0;
  }
}

static FakeBuffer* new_buffer(int type, const int64_t* dims, size_t num_dims, const void* data) {
  FakeBuffer* buffer = calloc(1, sizeof(FakeBuffer));
  buffer->type = type;
  buffer->num_dims = num_dims;
  buffer->bytes = element_bytes(type);
  for (size_t i = 0; i < num_dims; i++) {
    buffer->dims[i] = dims[i];
    buffer->bytes *= (size_t) dims[i];
  }
  buffer->data = malloc(buffer->bytes == 0 ? 1 : buffer->bytes);
  memcpy(buffer->data, data, buffer->bytes);
  return buffer;
}

static FakeError* buffer_from_host(BufferFromHostArgs* args) {
  CHECK_SIZE(args, 120, "PJRT_Client_BufferFromHostBuffer_Args");
  if (element_bytes(args->type) == 0 || args->num_dims > 8 || args->device != &fake_device) {
    return fail(3, "fake plugin: unsupported buffer");
  }
  fake_last_semantics = args->host_buffer_semantics;
  args->buffer = new_buffer(args->type, args->dims, args->num_dims, args->data);
  args->done_with_host_buffer = new_event();
  return NULL;
}

static FakeError* buffer_destroy(BufferArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_Buffer_Destroy_Args");
  FakeBuffer* buffer = args->buffer;
  if (buffer != NULL) {
    fake_buffers_destroyed++;
    free(buffer->data);
    free(buffer);
  }
  return NULL;
}

static FakeError* buffer_element_type(BufferTypeArgs* args) {
  CHECK_SIZE(args, 28, "PJRT_Buffer_ElementType_Args");
  args->type = ((FakeBuffer*) args->buffer)->type;
  return NULL;
}

static FakeError* buffer_dimensions(BufferDimensionsArgs* args) {
  CHECK_SIZE(args, 40, "PJRT_Buffer_Dimensions_Args");
  args->dims = ((FakeBuffer*) args->buffer)->dims;
  args->num_dims = ((FakeBuffer*) args->buffer)->num_dims;
  return NULL;
}

static FakeError* buffer_ready_event(BufferEventArgs* args) {
  CHECK_SIZE(args, 32, "PJRT_Buffer_ReadyEvent_Args");
  args->event = new_event();
  return NULL;
}

static FakeError* buffer_to_host(ToHostArgs* args) {
  CHECK_SIZE(args, 56, "PJRT_Buffer_ToHostBuffer_Args");
  FakeBuffer* buffer = args->src;
  if (args->dst == NULL) {
    args->dst_size = buffer->bytes;
    return NULL;
  }
  if (args->dst_size < buffer->bytes) {
    return fail(3, "fake plugin: destination too small");
  }
  memcpy(args->dst, buffer->data, buffer->bytes);
  args->event = new_event();
  return NULL;
}

/* The stack size of the thread the last compile ran on, in decimal ("0" when unknown). */
char fake_compile_stack[32] = "0";

static FakeError* client_compile(CompileArgs* args) {
  CHECK_SIZE(args, 56, "PJRT_Client_Compile_Args");
  pthread_attr_t attributes;
  size_t stack = 0;
  if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
    pthread_attr_getstacksize(&attributes, &stack);
    pthread_attr_destroy(&attributes);
  }
  snprintf(fake_compile_stack, sizeof(fake_compile_stack), "%zu", stack);
  CHECK_SIZE(args->program, 48, "PJRT_Program");
  snprintf(fake_program, sizeof(fake_program), "%.*s: %.*s", (int) args->program->format_size,
           args->program->format, (int) args->program->code_size, args->program->code);
  size_t used = 0;
  fake_compile_options[0] = '\0';
  for (size_t i = 0; i < args->compile_options_size && used + 4 < sizeof(fake_compile_options); i++) {
    used += snprintf(fake_compile_options + used, sizeof(fake_compile_options) - used, i == 0 ? "%02x" : " %02x",
                     (unsigned char) args->compile_options[i]);
  }
#ifdef FAKE_COMPILE_FAILS
  char message[512];
  const char* end = memchr(args->program->code, '\n', args->program->code_size);
  int first_line = (int) (end == NULL ? args->program->code_size : (size_t) (end - args->program->code));
  snprintf(message, sizeof(message), "fake plugin cannot compile '%.*s'", first_line, args->program->code);
  return fail(3, message);
#endif
  args->executable = &fake_loaded_executable;
  return NULL;
}

static FakeError* loaded_executable_destroy(ExecutableArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_LoadedExecutable_Destroy_Args");
  fake_loaded_executables_destroyed += args->executable == &fake_loaded_executable;
  return NULL;
}

static FakeError* get_executable(GetExecutableArgs* args) {
  CHECK_SIZE(args, 32, "PJRT_LoadedExecutable_GetExecutable_Args");
  args->executable = &fake_executable;
  return NULL;
}

static FakeError* executable_destroy(ExecutableArgs* args) {
  CHECK_SIZE(args, 24, "PJRT_Executable_Destroy_Args");
  fake_executables_destroyed += args->executable == &fake_executable;
  return NULL;
}

static FakeError* num_outputs(NumOutputsArgs* args) {
  CHECK_SIZE(args, 32, "PJRT_Executable_NumOutputs_Args");
  args->num_outputs = 1;
  return NULL;
}

static FakeError* execute(ExecuteArgs* args) {
  CHECK_SIZE(args, 80, "PJRT_LoadedExecutable_Execute_Args");
  CHECK_SIZE(args->options, FAKE_EXECUTE_OPTIONS_SIZE, "PJRT_ExecuteOptions");
  if (args->num_devices != 1 || args->num_args < 1) {
    return fail(3, "fake plugin: one device and at least one argument");
  }
  size_t used = 0;
  fake_non_donatable[0] = '\0';
  for (size_t i = 0; i < args->options->num_non_donatable_input_indices; i++) {
    used += snprintf(fake_non_donatable + used, sizeof(fake_non_donatable) - used, i == 0 ? "%lld" : ",%lld",
                     (long long) args->options->non_donatable_input_indices[i]);
  }
  fake_last_argument_count = (int) args->num_args;
  FakeBuffer* first = args->argument_lists[0][0];
  args->output_lists[0][0] = new_buffer(first->type, first->dims, first->num_dims, first->data);
  if (args->device_complete_events != NULL) {
    args->device_complete_events[0] = new_event();
  }
  return NULL;
}

static Api api;

const Api* GetPjrtApi(void) {
#ifdef FAKE_TABLE_SIZE
  api.struct_size = FAKE_TABLE_SIZE;
#else
  api.struct_size = sizeof(Api);
#endif
  api.pjrt_api_version = (Version){sizeof(Version), NULL, FAKE_MAJOR, FAKE_MINOR};
#ifndef FAKE_NO_FUNCTIONS
  api.functions[0] = (void*) error_destroy;
  api.functions[1] = (void*) error_message;
  api.functions[2] = (void*) error_get_code;
  api.functions[3] = (void*) plugin_initialize;
  api.functions[4] = (void*) plugin_attributes;
  api.functions[5] = (void*) event_destroy;
  api.functions[6] = (void*) event_is_ready;
  api.functions[7] = (void*) event_done;
  api.functions[8] = (void*) event_done;
  api.functions[10] = (void*) client_create;
  api.functions[11] = (void*) client_destroy;
  api.functions[12] = (void*) client_platform_name;
  api.functions[14] = (void*) client_platform_version;
  api.functions[15] = (void*) client_devices;
  api.functions[16] = (void*) client_devices;
  api.functions[20] = (void*) client_compile;
  api.functions[22] = (void*) buffer_from_host;
  api.functions[23] = (void*) description_id;
  api.functions[26] = (void*) description_kind;
  api.functions[29] = (void*) device_get_description;
  api.functions[40] = (void*) executable_destroy;
  api.functions[44] = (void*) num_outputs;
  api.functions[50] = (void*) loaded_executable_destroy;
  api.functions[51] = (void*) get_executable;
  api.functions[55] = (void*) execute;
  api.functions[58] = (void*) buffer_destroy;
  api.functions[59] = (void*) buffer_element_type;
  api.functions[60] = (void*) buffer_dimensions;
  api.functions[70] = (void*) buffer_to_host;
  api.functions[72] = (void*) buffer_ready_event;
#endif
  return &api;
}
