package llmtest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/briefbot/briefbot/bot/llm/llmtest"
)

func client(srv *llmtest.Server) *openai.Client {
	cfg := openai.DefaultConfig("k")
	cfg.BaseURL = srv.BaseURL()
	return openai.NewClientWithConfig(cfg)
}

// TestStreamWireFormat reads the raw SSE body: data lines, a usage chunk
// with no choices, [DONE] last.
func TestStreamWireFormat(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply{Pieces: []string{"a", "b"}})
	body := `{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x y"}]}`
	resp, err := http.Post(srv.BaseURL()+"/chat/completions", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	var events []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "data: ") {
			t.Fatalf("not an SSE data line: %q", line)
		}
		events = append(events, strings.TrimPrefix(line, "data: "))
	}
	// role, "a", "b", finish, usage, [DONE]
	if len(events) != 6 || events[5] != "[DONE]" {
		t.Fatalf("events %q", events)
	}
	var usage openai.ChatCompletionStreamResponse
	if err := json.Unmarshal([]byte(events[4]), &usage); err != nil {
		t.Fatal(err)
	}
	if len(usage.Choices) != 0 || usage.Usage == nil || usage.Usage.PromptTokens != 2 || usage.Usage.CompletionTokens != 2 {
		t.Errorf("usage chunk %s", events[4])
	}
}

func TestChatWithGoOpenAI(t *testing.T) {
	srv := llmtest.New(t)
	srv.OnChat(func(req openai.ChatCompletionRequest) llmtest.Reply {
		return llmtest.Reply{Text: "model " + req.Model + " says hi", FinishReason: "length"}
	})
	c := client(srv)
	ctx := context.Background()
	req := openai.ChatCompletionRequest{Model: "m1", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "hi"}}}

	resp, err := c.CreateChatCompletion(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.Content; got != "model m1 says hi" || resp.Choices[0].FinishReason != "length" {
		t.Errorf("plain reply %q %q", got, resp.Choices[0].FinishReason)
	}

	stream, err := c.CreateChatCompletionStream(ctx, req) // no include_usage: no usage chunk
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var text strings.Builder
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if chunk.Usage != nil {
			t.Error("usage chunk sent without include_usage")
		}
		for _, ch := range chunk.Choices {
			text.WriteString(ch.Delta.Content)
		}
	}
	if text.String() != "model m1 says hi" {
		t.Errorf("streamed %q", text.String())
	}
	if srv.ChatCalls() != 2 || srv.EmbeddingCalls() != 0 {
		t.Errorf("calls %d chat, %d embeddings", srv.ChatCalls(), srv.EmbeddingCalls())
	}
}

func TestErrorsWithGoOpenAI(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply{Status: 429, RetryAfter: "7"})
	_, err := client(srv).CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{Model: "m"})
	var apiErr *openai.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != 429 || apiErr.Type != "rate_limit_error" {
		t.Fatalf("error %v", err)
	}
	// The queue is used up: the default echo answers again.
	resp, err := client(srv).CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{
		Model: "m", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "ping"}},
	})
	if err != nil || resp.Choices[0].Message.Content != "echo: ping" {
		t.Errorf("after the queue: %+v, %v", resp, err)
	}
}

func TestEmbeddingsAndModels(t *testing.T) {
	srv := llmtest.New(t)
	c := client(srv)
	ctx := context.Background()
	texts := []string{"NATO summit in Washington", "The NATO summit", "rice harvest forecast"}
	resp, err := c.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{Input: texts, Model: llmtest.EmbeddingModel})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Data) != 3 || len(resp.Data[0].Embedding) != llmtest.Dim {
		t.Fatalf("data %+v", resp.Data)
	}
	// A single string is accepted too.
	one, err := c.CreateEmbeddings(ctx, openai.EmbeddingRequest{Input: "The NATO summit", Model: llmtest.EmbeddingModel})
	if err != nil || len(one.Data) != 1 {
		t.Fatalf("single input: %+v, %v", one, err)
	}
	if got := srv.Requests()[1].Embedding.Input; len(got) != 1 || got[0] != "The NATO summit" {
		t.Errorf("recorded input %q", got)
	}

	models, err := c.ListModels(ctx)
	if err != nil || len(models.Models) != 2 || models.Models[0].ID != llmtest.ChatModel {
		t.Errorf("models %+v, %v", models, err)
	}
}

func cos(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return dot / math.Sqrt(na*nb)
}

func TestVector(t *testing.T) {
	v := llmtest.Vector("NATO summit in Washington")
	var norm float64
	for _, x := range v {
		norm += float64(x) * float64(x)
	}
	if len(v) != llmtest.Dim || math.Abs(norm-1) > 1e-6 {
		t.Errorf("len %d, norm² %v", len(v), norm)
	}
	if cos(v, llmtest.Vector("nato SUMMIT, in washington!")) < 0.9999 {
		t.Error("case and punctuation change the vector")
	}
	near := cos(v, llmtest.Vector("The NATO summit"))
	far := cos(v, llmtest.Vector("rice harvest forecast"))
	if near <= far || near < 0.5 {
		t.Errorf("shared words %.2f, none %.2f", near, far)
	}
	for _, x := range llmtest.Vector("  ...  ") {
		if x != 0 {
			t.Fatal("a text without words must give the zero vector")
		}
	}
}
