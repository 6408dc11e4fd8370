package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

class JsonFilesTest {

    @TempDir
    Path tmp;

    final JsonFiles json = new JsonFiles(JsonMapper.builder().build(),
            Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC));

    @Test
    void roundTripsARecordThroughAPrivateFile() throws IOException {
        ManagerInfo info = new ManagerInfo(42, Instant.parse("2026-03-04T05:06:07.123Z"), "http://127.0.0.1:9", "1");

        json.write(tmp.resolve("manager.json"), info);

        assertThat(json.read(tmp.resolve("manager.json"), ManagerInfo.class)).contains(info);
        assertThat(AtomicFilesTest.mode(tmp.resolve("manager.json"))).isEqualTo("rw-------");
        assertThat(Files.readString(tmp.resolve("manager.json"))).contains("\"startTime\" : \"2026-03-04T05:06:07.123Z\"");
    }

    @Test
    void aMissingFileReadsAsEmpty() {
        assertThat(json.read(tmp.resolve("nope.json"), ManagerInfo.class)).isEmpty();
    }

    @Test
    void aCorruptFileIsMovedAsideNotDeleted() throws IOException {
        Files.writeString(tmp.resolve("manager.json"), "{\"pid\": 4");

        assertThat(json.read(tmp.resolve("manager.json"), ManagerInfo.class)).isEmpty();

        assertThat(tmp.resolve("manager.json")).doesNotExist();
        assertThat(tmp.resolve("manager.json.corrupt-1234")).hasContent("{\"pid\": 4");
    }

    @Test
    void anEmptyFileCountsAsCorrupt() throws IOException {
        Files.writeString(tmp.resolve("owner.json"), "");

        assertThat(json.read(tmp.resolve("owner.json"), ManagerInfo.class)).isEmpty();

        assertThat(tmp.resolve("owner.json.corrupt-1234")).exists();
    }
}
