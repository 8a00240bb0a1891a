package io.ecledger.api.command;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.ecledger.ledger.command.Target;
import java.io.IOException;

/** Targets in JSON as requests write them: {@code {"broadcast": true}}, {@code {"subcluster": NAME}}, {@code {"node": NAME}}. */
public final class TargetJson extends StdSerializer<Target> {

    private static final long serialVersionUID = 1L;

    public TargetJson() {
        super(Target.class);
    }

    /** A Jackson module that writes every {@link Target} this way. */
    public static SimpleModule module() {
        return new SimpleModule("ecledger-target").addSerializer(Target.class, new TargetJson());
    }

    @Override
    public void serialize(Target target, JsonGenerator json, SerializerProvider provider) throws IOException {
        json.writeStartObject();
        if (target instanceof Target.Broadcast) {
            json.writeBooleanField("broadcast", true);
        } else if (target instanceof Target.Subcluster) {
            json.writeStringField("subcluster", ((Target.Subcluster) target).name());
        } else if (target instanceof Target.Unicast) {
            json.writeStringField("node", ((Target.Unicast) target).node());
        } else {
            throw new AssertionError("unhandled target " + target);
        }
        json.writeEndObject();
    }
}
