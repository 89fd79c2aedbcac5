package discord

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// quietRedis drops go-redis's own reconnect chatter, which floods test
// output while a test has Redis down on purpose.
type quietRedis struct{}

func (quietRedis) Printf(context.Context, string, ...any) {}

// endToEndParallel is how many tests run at once unless -parallel says.
// The end-to-end tests mostly wait, not compute: discordgo sleeps a second
// on every gateway close, and answers wait for their edit interval. At
// the default (one per core) the package takes ~30 s on two cores, at 8
// about 10 s.
const endToEndParallel = "8"

func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		if err := flag.Set("test.parallel", endToEndParallel); err != nil {
			panic(err)
		}
	}
	redis.SetLogger(quietRedis{})
	os.Exit(m.Run())
}
