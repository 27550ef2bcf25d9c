package dev.caracal.app.hub;

import dev.caracal.app.hub.HubException.Reason;
import java.net.URI;
import java.net.http.HttpHeaders;

/** The hub's error answers as {@link HubException}s that say what happened and what to do, naming URL and status. */
final class HubErrors {

    private HubErrors() {
    }

    /**
     * The failure an answer with {@code status} means for a pull of {@code file} from {@code repository} at
     * {@code revision}; the hub's {@code X-Error-Code} ({@code RepoNotFound}, {@code EntryNotFound},
     * {@code RevisionNotFound}, {@code GatedRepo}) sharpens it.
     */
    static HubException forStatus(int status, HttpHeaders headers, URI url, String repository, String file,
            String revision, boolean tokenSent, URI endpoint) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String where = " (HTTP " + status + " from " + describe(url) + hubSays(headers) + ")";
        String setToken = "set HF_TOKEN to an access token of an account that can read it";
        if (code.equals("GatedRepo")) {
            return new HubException(tokenSent ? Reason.ACCESS_DENIED : Reason.TOKEN_NEEDED, status, repository
                    + " is gated: accept its conditions at " + endpoint + "/" + repository + ", then "
                    + (tokenSent ? "make sure HF_TOKEN is a token of that account" : setToken) + where);
        }
        if (status == 401 || status == 403) {
            if (!tokenSent) {
                return new HubException(Reason.TOKEN_NEEDED, status, repository + " needs a token (it is private,"
                        + " gated, or does not exist): " + setToken + where);
            }
            return new HubException(Reason.ACCESS_DENIED, status, "the hub refused the token in HF_TOKEN for "
                    + repository + ": it is invalid, or its account has no access to the repository" + where);
        }
        if (status == 404 || status == 410) {
            String message = switch (code) {
                case "EntryNotFound" -> "file " + file + " does not exist in " + repository + " at revision "
                        + revision;
                case "RevisionNotFound" -> "revision " + revision + " does not exist in " + repository;
                case "RepoNotFound" -> "repository " + repository + " does not exist"
                        + (tokenSent ? "" : ", or it is private: set HF_TOKEN");
                default -> repository + " has no file " + file + " at revision " + revision
                        + ", or the repository does not exist";
            };
            return new HubException(Reason.NOT_FOUND, status, message + where);
        }
        if (status == 429) {
            return new HubException(Reason.HUB_FAILED, status, "the hub is limiting this machine's requests; try"
                    + " again later" + headers.firstValue("Retry-After").map(" (after %s s)"::formatted).orElse("")
                    + where);
        }
        if (status >= 500) {
            return new HubException(Reason.HUB_FAILED, status, "the hub failed to serve " + file + " of "
                    + repository + "; try again later" + where);
        }
        return new HubException(Reason.HUB_FAILED, status, "the hub answered an unexpected status for " + file
                + " of " + repository + where);
    }

    /** A URL without its query: a CDN's signed query is a credential that has no place in messages or logs. */
    static String describe(URI url) {
        String text = url.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private static String hubSays(HttpHeaders headers) {
        return headers.firstValue("X-Error-Message")
                .map(message -> message.replaceAll("\\p{Cntrl}", " ").strip())
                .filter(message -> !message.isEmpty())
                .map(message -> ": \"" + (message.length() > 200 ? message.substring(0, 200) + "…" : message) + "\"")
                .orElse("");
    }
}
