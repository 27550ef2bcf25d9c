// Server-sent events read from a fetch response body (EventSource cannot POST): the event stream format of the HTML
// standard, lines ending in LF, CR or CRLF, events ending at a blank line.

/**
 * Reads `body` (a ReadableStream of bytes) and calls `onEvent({event, data, id})` for each event, until the stream
 * ends. Aborting the fetch rejects the returned promise with its AbortError, as does a throw from `onEvent`.
 */
export async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let event = '';
  let id = null;
  const dispatch = () => {
    if (data.length > 0) onEvent({event: event || 'message', data: data.join('\n'), id});
    data = [];
    event = '';
  };
  const line = text => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  };
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (buffer[end] === '\r' && end === buffer.length - 1) break;
      const length = buffer.startsWith('\r\n', end) ? 2 : 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + length);
    }
  }
  if (buffer !== '') line(buffer.replace(/\r$/, ''));
  dispatch();
}
