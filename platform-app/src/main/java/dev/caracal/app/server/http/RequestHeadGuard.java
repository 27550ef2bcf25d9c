package dev.caracal.app.server.http;

import dev.caracal.app.server.error.OpenAiException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The first look at every request, right after its headers are decoded and before the server's HTTP layer or any
 * route sees it; what fails is answered with OpenAI's error JSON and the connection closed.
 *
 * <ul>
 *   <li>A path that parsers could read in different ways: 400, code {@code invalid_path}. Ambiguous are an encoded
 *       {@code /}, {@code \}, {@code .}, {@code ;} or {@code %} (so nothing is decoded twice), an encoded control
 *       character, path parameters ({@code ;}), empty segments ({@code //}), dot segments ({@code /./},
 *       {@code /../}), a backslash, a malformed escape and a character a path may not hold. Other escapes
 *       ({@code %61} for {@code a}) are decoded by routing as usual, and the route's own access check sees the result
 *       (see {@link dev.caracal.app.server.security.RouteAccess}).</li>
 *   <li>A {@code Content-Type} that does not parse as a media type: 415; an {@code Accept} that does not: 406 (some
 *       malformed values make Spring's parser throw where nothing catches it).</li>
 * </ul>
 */
public final class RequestHeadGuard extends ChannelInboundHandlerAdapter {

    private boolean refusing;

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            OpenAiException problem = problem(request);
            refusing = problem != null;
            if (refusing) {
                ReferenceCountUtil.release(message);
                refuse(context, problem);
                return;
            }
        } else if (refusing && message instanceof HttpContent) {
            ReferenceCountUtil.release(message); // the body of a refused request
            return;
        }
        context.fireChannelRead(message);
    }

    /** What is wrong with the request's head, or null. */
    private static OpenAiException problem(HttpRequest request) {
        Optional<String> ambiguity = ambiguity(path(request.uri()));
        if (ambiguity.isPresent()) {
            return new OpenAiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "The request path is"
                    + " ambiguous: " + ambiguity.get() + "; send the path in its plain form (for example"
                    + " /v1/chat/completions)", null, "invalid_path", Map.of());
        }
        for (String contentType : request.headers().getAll(HttpHeaderNames.CONTENT_TYPE)) {
            if (!parses(contentType, false)) {
                return new OpenAiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error",
                        "The Content-Type header is malformed: send the request body as application/json", null,
                        "unsupported_media_type", Map.of());
            }
        }
        for (String accept : request.headers().getAll(HttpHeaderNames.ACCEPT)) {
            if (!accept.isBlank() && !parses(accept, true)) {
                return new OpenAiException(HttpStatus.NOT_ACCEPTABLE, "invalid_request_error",
                        "The Accept header is malformed: the API answers application/json or text/event-stream",
                        null, "not_acceptable", Map.of());
            }
        }
        return null;
    }

    private static boolean parses(String value, boolean list) {
        try {
            if (list) {
                MediaType.parseMediaTypes(value);
            } else {
                MediaType.parseMediaType(value);
            }
            return true;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static void refuse(ChannelHandlerContext context, OpenAiException problem) {
        byte[] json = problem.json();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status().value()), Unpooled.wrappedBuffer(json));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The raw path of a request target: origin form without its query and fragment, or an absolute URI's path. */
    static String path(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme > 0 && path.indexOf('/') > scheme) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    /**
     * What makes {@code rawPath} (still percent-encoded) ambiguous, or empty when it has one reading.
     */
    public static Optional<String> ambiguity(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("it does not start with /");
        }
        if (rawPath.contains("//")) {
            return Optional.of("it has an empty segment (//)");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == ';') {
                return Optional.of("it has path parameters (;)");
            }
            if (c == '\\') {
                return Optional.of("it has a backslash");
            }
            if (c == '%') {
                int value = i + 2 < rawPath.length() ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
                if (value < 0) {
                    return Optional.of("it has a malformed escape at character " + i);
                }
                if ("/\\.;%".indexOf(value) >= 0) {
                    return Optional.of("it has an encoded '" + (char) value + "' (" + rawPath.substring(i, i + 3)
                            + ")");
                }
                if (value < 0x20 || value == 0x7f) {
                    return Optional.of("it has an encoded control character (" + rawPath.substring(i, i + 3) + ")");
                }
                i += 2;
            } else if (!isPathCharacter(c)) {
                return Optional.of("it has a character a path may not hold (" + (c < 0x20 || c > 0x7e
                        ? String.format("U+%04X", (int) c) : "'" + c + "'") + ")");
            }
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("it has a dot segment (/" + segment + "/)");
            }
        }
        return Optional.empty();
    }

    /** RFC 3986 {@code pchar} without {@code %} (handled apart), and {@code /}. */
    private static boolean isPathCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,=:@/".indexOf(c) >= 0;
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
