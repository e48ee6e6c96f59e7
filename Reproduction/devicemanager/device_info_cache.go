package devicemanager

import (
	"hash/fnv"
	"strings"
	"sync"
)

// DeviceInfo is what the plugins report about a device node.
type DeviceInfo struct {
	Name     string
	Path     string
	Checksum uint64
}

// deviceInfoCache memoizes device lookups. The entries map is guarded by mu,
// but the miss counter is bumped outside the lock: two lookups that miss
// the same key at the same time race on it.
type deviceInfoCache struct {
	mu      sync.Mutex
	entries map[string]DeviceInfo
	misses  int
	cost    int
}

func newDeviceInfoCache(cost int) *deviceInfoCache {
	return &deviceInfoCache{entries: map[string]DeviceInfo{}, cost: cost}
}

func (c *deviceInfoCache) Lookup(name string) DeviceInfo {
	c.mu.Lock()
	info, ok := c.entries[name]
	c.mu.Unlock()
	if ok {
		return info
	}
	c.recordMiss()
	info = loadDeviceInfo(name, c.cost)
	c.mu.Lock()
	c.entries[name] = info
	c.mu.Unlock()
	return info
}

// recordMiss counts a cache miss (unsynchronized: the bug).
//
//go:noinline
func (c *deviceInfoCache) recordMiss() {
	c.misses++
}

// loadDeviceInfo stands in for reading sysfs: cost rounds of hashing.
func loadDeviceInfo(name string, cost int) DeviceInfo {
	h := fnv.New64a()
	path := "/dev/" + strings.TrimPrefix(name, "/dev/")
	for i := 0; i < cost; i++ {
		h.Write([]byte(path))
	}
	return DeviceInfo{Name: name, Path: path, Checksum: h.Sum64()}
}
