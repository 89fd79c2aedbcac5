package redistest

import "strings"

// Slots is the number of hash slots of Redis Cluster.
const Slots = 16384

// Slot returns the Redis Cluster hash slot of key, as CLUSTER KEYSLOT
// does: CRC16 (XMODEM: polynomial 0x1021, initial value 0) of the key's
// hash tag, modulo 16384. The tag is what lies between the first "{" and
// the first "}" after it, when that is not empty; otherwise the whole key
// is hashed.
func Slot(key string) int {
	return int(crc16(HashTag(key))) % Slots
}

// HashTag returns the part of key that Redis Cluster hashes: its tag, or
// the whole key when it has none.
func HashTag(key string) string {
	if open := strings.IndexByte(key, '{'); open >= 0 {
		if end := strings.IndexByte(key[open+1:], '}'); end > 0 {
			return key[open+1 : open+1+end]
		}
	}
	return key
}

var crcTable = func() (t [256]uint16) {
	for i := range t {
		c := uint16(i) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ 0x1021
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
	return t
}()

func crc16(s string) uint16 {
	var c uint16
	for i := 0; i < len(s); i++ {
		c = c<<8 ^ crcTable[byte(c>>8)^s[i]]
	}
	return c
}
