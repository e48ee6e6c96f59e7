// Package devicemanager is a small, self-contained model of the part of
// KubeVirt's virt-handler device manager that made its unit tests flaky:
// a process-wide Handler variable that every test replaces in its setup,
// read by a controller goroutine on every periodic refresh.
package devicemanager

import (
	"fmt"
	"math/rand"
	"sort"
	"sync"
	"time"
)

// DeviceHandler discovers the host devices a plugin can be started for.
type DeviceHandler interface {
	ListDevices() []string
	// Healthy probes a device node; it may take a while.
	Healthy(device string) bool
}

// Handler is the process-wide device handler. Production code leaves it nil
// and gets the host handler; unit tests assign a fake in their setup.
var Handler DeviceHandler

type hostHandler struct{}

func (hostHandler) ListDevices() []string { return []string{"kvm", "tun", "vhost-net"} }

func (hostHandler) Healthy(device string) bool { return true }

// initHandler returns the current Handler, installing the host one if none
// is set. It is called on every refresh, without any locking.
//
//go:noinline
func initHandler() DeviceHandler {
	if Handler == nil {
		Handler = hostHandler{}
	}
	return Handler
}

// DeviceController keeps one device plugin per discovered device.
type DeviceController struct {
	refresh time.Duration

	mu        sync.Mutex
	plugins   map[string]*devicePlugin
	refreshes int
}

type devicePlugin struct {
	name     string
	resource string
	started  time.Time
}

// NewDeviceController returns a controller that refreshes every interval.
func NewDeviceController(interval time.Duration) *DeviceController {
	return &DeviceController{refresh: interval, plugins: map[string]*devicePlugin{}}
}

// Run refreshes the plugins once, then periodically until stop is closed.
// The periodic refreshes start after a random part of one interval, so
// that the controllers of many nodes do not refresh in lockstep.
func (c *DeviceController) Run(stop <-chan struct{}) {
	c.refreshPlugins()
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	phase := time.NewTimer(time.Duration(rng.Int63n(int64(c.refresh))))
	select {
	case <-stop:
		phase.Stop()
		return
	case <-phase.C:
		c.refreshPlugins()
	}
	ticker := time.NewTicker(c.refresh)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
			c.refreshPlugins()
		}
	}
}

func (c *DeviceController) refreshPlugins() {
	devices := initHandler().ListDevices()
	want := make(map[string]bool, len(devices))
	for _, d := range devices {
		if initHandler().Healthy(d) {
			want[d] = true
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for name := range c.plugins {
		if !want[name] {
			delete(c.plugins, name)
		}
	}
	for name := range want {
		if _, ok := c.plugins[name]; !ok {
			c.plugins[name] = &devicePlugin{name: name, resource: ResourceName(name), started: time.Now()}
		}
	}
	c.refreshes++
}

// Refreshes returns how many refreshes have completed.
func (c *DeviceController) Refreshes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.refreshes
}

// PluginNames returns the sorted device names with a running plugin.
func (c *DeviceController) PluginNames() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	names := make([]string, 0, len(c.plugins))
	for n := range c.plugins {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PluginStarted returns when the plugin for device was started.
func (c *DeviceController) PluginStarted(device string) (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.plugins[device]
	if !ok {
		return time.Time{}, false
	}
	return p.started, true
}

// ResourceName is the extended resource a device plugin advertises.
func ResourceName(device string) string {
	return fmt.Sprintf("devices.kubevirt.io/%s", device)
}
