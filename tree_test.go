package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxTrackedFileSize is the largest file the repository may track: source, docs and small test
// data. Build outputs (a provider binary, a seeding tool) belong in .build/ or dist/.
const maxTrackedFileSize = 1 << 20

// The tree tracks no executable binary and no file over 1 MiB: a build output committed by
// mistake makes every clone pay for it, and nothing tests it.
func TestTree_noBinariesOrLargeFiles(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): nothing to check", err)
	}
	files := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	if len(files) < 50 {
		t.Fatalf("git ls-files listed %d files; expected the whole tree", len(files))
	}
	for _, name := range files {
		info, err := os.Stat(name)
		if err != nil {
			continue // deleted in the work tree, not yet committed
		}
		if info.Size() > maxTrackedFileSize {
			t.Errorf("%s is %d bytes; tracked files stay under %d", name, info.Size(), maxTrackedFileSize)
		}
		if isExecutableBinary(t, name) {
			t.Errorf("%s is an executable binary; build it into .build/ and ignore it", name)
		}
	}
}

// isExecutableBinary reports whether the file starts with an ELF, Mach-O or PE header.
func isExecutableBinary(t *testing.T, name string) bool {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	head := make([]byte, 4)
	if n, _ := f.Read(head); n < 4 {
		return false
	}
	for _, magic := range [][]byte{
		{0x7f, 'E', 'L', 'F'},
		{0xcf, 0xfa, 0xed, 0xfe}, {0xce, 0xfa, 0xed, 0xfe}, {0xfe, 0xed, 0xfa, 0xcf}, // Mach-O
		{'M', 'Z'},
	} {
		if bytes.HasPrefix(head, magic) {
			return true
		}
	}
	return false
}

// The check itself recognises a binary: a test that could not fail would prove nothing.
func TestTree_recognisesBinaries(t *testing.T) {
	dir := t.TempDir()
	elf := dir + "/tool"
	if err := os.WriteFile(elf, []byte{0x7f, 'E', 'L', 'F', 2, 1, 1}, 0o755); err != nil {
		t.Fatal(err)
	}
	text := dir + "/notes.md"
	if err := os.WriteFile(text, []byte("# notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !isExecutableBinary(t, elf) || isExecutableBinary(t, text) {
		t.Errorf("ELF detection is wrong: elf=%v text=%v", isExecutableBinary(t, elf), isExecutableBinary(t, text))
	}
}

// maxLongLineShare is the share of non-test Go lines allowed over 120 columns (tabs count as
// one, as lll counts them). HashiCorp's tls and random providers sit at 1-2 %; long schema
// descriptions are split into joined strings instead.
const maxLongLineShare = 0.025

func TestTree_longLinesAreRare(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-z", "*.go").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): nothing to check", err)
	}
	var lines, long int
	var worst []string
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			continue // deleted in the work tree, not yet committed
		}
		for i, line := range strings.Split(string(data), "\n") {
			lines++
			if utf8.RuneCountInString(line) > 120 {
				long++
				worst = append(worst, fmt.Sprintf("%s:%d", name, i+1))
			}
		}
	}
	if lines < 1000 {
		t.Fatalf("read %d lines of Go; expected the whole tree", lines)
	}
	if share := float64(long) / float64(lines); share > maxLongLineShare {
		t.Errorf("%d of %d non-test Go lines (%.1f %%) are over 120 columns; at most %.1f %% may be. "+
			"Split long strings into joined ones. First ones: %v",
			long, lines, 100*share, 100*maxLongLineShare, worst[:min(10, len(worst))])
	}
}
