package dev.interlock.broker;

import dev.interlock.action.Action;
import dev.interlock.action.ActionJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The canonical hash of an action: sha256 over its JSON form (fields in a fixed order, maps sorted). */
public final class ActionHash {
    private ActionHash() {
    }

    public static String of(Action action) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(ActionJson.toJson(action).toString()
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
