package io.github.mwoauth.testkit;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An {@code action=upload} error as the wiki answers it: its code, info text and extra fields. */
final class UploadProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final String code;
    final String info;
    final transient @Nullable Consumer<ObjectNode> extra;

    UploadProblem(String code, String info, @Nullable Consumer<ObjectNode> extra) {
        super(code + ": " + info, null, false, false);
        this.code = code;
        this.info = info;
        this.extra = extra;
    }

    UploadProblem(String code, String info) {
        this(code, info, null);
    }
}
