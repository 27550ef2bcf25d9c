package dev.caracal.examples.stories;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /story?prompt=TEXT&maxTokens=N}: the greedy continuation of TEXT, at most N tokens, as plain text. */
@RestController
class StoryController {

    private static final String TEXT_PLAIN_UTF8 = "text/plain;charset=UTF-8";

    private final StoryTeller storyTeller;

    StoryController(StoryTeller storyTeller) {
        this.storyTeller = storyTeller;
    }

    @GetMapping(path = "/story", produces = TEXT_PLAIN_UTF8)
    String story(@RequestParam String prompt, @RequestParam(defaultValue = "64") int maxTokens) {
        if (prompt.isBlank()) {
            throw new IllegalArgumentException("prompt is empty: give the story's beginning, as in"
                    + " /story?prompt=Once%20upon%20a%20time");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be 1 or more, was " + maxTokens);
        }
        var parameters = ChatRequestParameters.builder().temperature(0.0).maxOutputTokens(maxTokens).build();
        return storyTeller.continueStory(prompt, parameters);
    }

    /** A missing or malformed parameter, or a prompt the model cannot take (too long): 400, saying what is wrong. */
    @ExceptionHandler({IllegalArgumentException.class, InvalidRequestException.class,
            ServletRequestBindingException.class, TypeMismatchException.class})
    ResponseEntity<String> badRequest(Exception problem) {
        return ResponseEntity.badRequest().contentType(MediaType.parseMediaType(TEXT_PLAIN_UTF8))
                .body(problem.getMessage());
    }
}
