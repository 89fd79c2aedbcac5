package state

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// CacheKey hashes parts (say the normalised question, knowledge version,
// model and prompt version) into a hex SHA-256, the key of an answer in
// the answer cache. Each part is written with its length, so ("ab","c")
// and ("a","bc") differ whatever the parts hold.
func CacheKey(parts ...string) string {
	h := sha256.New()
	var n [20]byte
	for _, p := range parts {
		h.Write(strconv.AppendInt(n[:0], int64(len(p)), 10))
		h.Write([]byte{':'})
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
