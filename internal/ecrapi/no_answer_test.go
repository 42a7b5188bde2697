package ecrapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"
)

// An endpoint that accepts connections and never answers (a blackhole) fails the first calls
// within the no-answer timeout, whatever the retry budget, and every later call at once.
func TestNoAnswer_boundedAndRemembered(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = conn.Close() }) // held open, never answered
		}
	}()
	c, err := New(context.Background(), Config{Region: "us-east-1", AccessKey: "a", SecretKey: "s",
		Endpoint: "http://" + ln.Addr().String(), NoAnswerTimeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.RegistryID(context.Background())
	if !errors.Is(err, ErrNoAnswer) || !Unreachable(err) {
		t.Fatalf("err = %v, want ErrNoAnswer", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the first call took %s, want about the 500ms bound", d)
	}
	start = time.Now()
	if _, err := c.FindRepositoryByName(context.Background(), "team/app"); !errors.Is(err, ErrNoAnswer) {
		t.Fatalf("a later call: err = %v, want the remembered ErrNoAnswer", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("a later call took %s, want at once", d)
	}
}

// Once the endpoint has answered, calls are not bounded by the no-answer timeout: a partition
// later in the run is ridden out by the retry budget.
func TestNoAnswer_notAfterAnAnswer(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		writeErr(w, 400, "RepositoryNotFoundException", "no such repository")
	})
	if _, err := c.FindRepositoryByName(context.Background(), "team/app"); !IsNotFound(err) {
		t.Fatalf("err = %v, want not found", err)
	}
	if !c.contact.answered.Load() {
		t.Fatal("an answer (a 400) was not noted")
	}
}
