package org.emulsion.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.emulsion.core.EmulsionException;
import org.emulsion.core.project.ElementKind;
import org.emulsion.core.project.FilmElement;
import org.emulsion.core.project.FilmProject;
import org.emulsion.core.project.RestorationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilmProjectTest {
    @TempDir
    Path temp;

    @Test
    void roundTripKeepsEverything() throws Exception {
        Path folder = temp.resolve("Nosferatu");
        Path archiveScan = Files.createDirectories(temp.resolve("archive/reel1"));
        FilmProject project = FilmProject.create(folder, "Nosferatu (1922) — \"restored\"");
        project.setNotes("Tinted nitrate print.\nSecond line <b>.");
        project.addElement(new FilmElement("Reel 1 print", ElementKind.PRINT, archiveScan, "BFI, 35 mm"));
        project.addElement(new FilmElement("DVD", ElementKind.DVD, folder.resolve("dvd/VIDEO_TS"), null));
        Instant date = Instant.parse("2026-11-25T03:50:12Z");
        project.addRun(new RestorationRun("org.emulsion.workflow.dvd", project.defaultRunFolder("dvd", date), date));
        project.save();

        FilmProject read = FilmProject.open(folder);
        assertEquals(project.title(), read.title());
        assertEquals(project.notes(), read.notes());
        assertEquals(project.elements(), read.elements());
        assertEquals(project.runs(), read.runs());
        assertEquals(folder.resolve("runs/dvd-20261125-035012"), read.runs().get(0).output());
        assertTrue(read.elements().get(0).exists());
        assertFalse(read.elements().get(1).exists(), "the DVD folder was never created");
        assertTrue(FilmProject.isProject(folder));
        assertEquals(List.of(FilmProject.FILE_NAME), list(folder), "no temporary file left behind");
    }

    @Test
    void pathsInsideTheFolderAreRelativeSoTheFolderCanMove() throws Exception {
        Path folder = temp.resolve("a/film");
        Path outside = temp.resolve("archive/telecine.mov");
        FilmProject project = FilmProject.create(folder, "Film");
        project.addElement(new FilmElement("Scan", ElementKind.NEGATIVE, folder.resolve("scans/../scans/neg"), ""));
        project.addElement(new FilmElement("Telecine", ElementKind.TELECINE, outside, ""));
        project.save();

        String text = Files.readString(project.file());
        assertTrue(text.contains("\"path\": \"scans/neg\""), text);
        assertTrue(text.contains("\"path\": \"" + outside + "\""), text);
        assertTrue(text.contains("\"kind\": \"negative\""), text);
        assertTrue(text.contains("\"format\": 1"), text);

        Path moved = Files.move(folder, temp.resolve("b"));
        FilmProject read = FilmProject.open(moved);
        assertEquals(moved.resolve("scans/neg"), read.elements().get(0).path());
        assertEquals(outside, read.elements().get(1).path());
    }

    @Test
    void handWrittenFileWithOnlyTheRequiredMembersOpens() throws Exception {
        Files.writeString(temp.resolve(FilmProject.FILE_NAME), """
                { "format": 1, "title": "Metropolis",
                  "elements": [ { "name": "Print", "kind": "internegative", "path": "/mnt/scan" } ] }
                """);
        FilmProject project = FilmProject.open(temp);
        assertEquals("Metropolis", project.title());
        assertEquals("", project.notes());
        assertEquals(new FilmElement("Print", ElementKind.INTERNEGATIVE, Path.of("/mnt/scan"), ""), project.elements().get(0));
        assertTrue(project.runs().isEmpty());
    }

    @Test
    void missingFileSaysWhatToDo() {
        EmulsionException e = assertThrows(EmulsionException.class, () -> FilmProject.open(temp));
        assertTrue(e.getMessage().contains(temp.resolve(FilmProject.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("create a new film project"), e.getMessage());
    }

    @Test
    void corruptFilesNameTheFile() throws Exception {
        for (String text : List.of("{ \"format\": 1, \"title\": \"Cut off", "[1, 2]", "{ \"format\": 1 }",
                "{ \"format\": 1, \"title\": \"T\", \"elements\": [ { \"name\": \"no kind\", \"path\": \"x\" } ] }",
                "{ \"format\": 1, \"title\": \"T\", \"runs\": [ { \"workflow\": \"w\", \"output\": \"o\", \"date\": \"yesterday\" } ] }")) {
            Files.writeString(temp.resolve(FilmProject.FILE_NAME), text);
            EmulsionException e = assertThrows(EmulsionException.class, () -> FilmProject.open(temp), text);
            assertTrue(e.getMessage().startsWith(temp.resolve(FilmProject.FILE_NAME) + " is not a readable film project file"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("correct it in a text editor or restore it from a backup"), e.getMessage());
        }
    }

    @Test
    void newerFormatAsksForANewerEmulsion() throws Exception {
        Files.writeString(temp.resolve(FilmProject.FILE_NAME), "{ \"format\": 2, \"title\": \"From the future\" }");
        EmulsionException e = assertThrows(EmulsionException.class, () -> FilmProject.open(temp));
        assertTrue(e.getMessage().contains("written by a newer Emulsion (file format 2"), e.getMessage());
        assertTrue(e.getMessage().endsWith("update Emulsion to open this project"), e.getMessage());
    }

    @Test
    void unknownKindListsTheKnownOnes() throws Exception {
        Files.writeString(temp.resolve(FilmProject.FILE_NAME),
                "{ \"format\": 1, \"title\": \"T\", \"elements\": [ { \"name\": \"Tape\", \"kind\": \"vhs\", \"path\": \"t\" } ] }");
        EmulsionException e = assertThrows(EmulsionException.class, () -> FilmProject.open(temp));
        assertTrue(e.getMessage().contains("element \"Tape\" has the unknown kind \"vhs\""), e.getMessage());
        assertTrue(e.getMessage().contains("print, negative, internegative, dvd, telecine, artwork"), e.getMessage());
    }

    @Test
    void createRefusesToOverwriteAProject() throws Exception {
        FilmProject.create(temp, "First");
        EmulsionException e = assertThrows(EmulsionException.class, () -> FilmProject.create(temp, "Second"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals("First", FilmProject.open(temp).title());
    }

    private static List<String> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
