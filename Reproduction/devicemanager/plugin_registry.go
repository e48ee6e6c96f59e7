package devicemanager

import "sync"

// pluginRegistry tracks the socket endpoints of running device plugins.
// Restarting a plugin sends an unregister (from the old instance's shutdown)
// and a register (from the new instance) concurrently; the code assumes the
// unregister always comes first.
type pluginRegistry struct {
	mu      sync.Mutex
	plugins map[string]*registeredPlugin
}

type registeredPlugin struct {
	generation int
	endpoints  map[string]string
}

func newPluginRegistry() *pluginRegistry {
	return &pluginRegistry{plugins: map[string]*registeredPlugin{}}
}

func (r *pluginRegistry) register(name string, generation int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.plugins[name] = &registeredPlugin{generation: generation}
}

func (r *pluginRegistry) unregister(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.plugins, name)
}

// addEndpoint records the socket of the current plugin instance.
func (r *pluginRegistry) addEndpoint(name, socket string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.plugins[name]
	if p.endpoints == nil {
		p.endpoints = map[string]string{}
	}
	p.endpoints[socket] = name
}
