package suite_test

import (
	"sync"
	"time"

	. "github.com/onsi/ginkgo"
	. "github.com/onsi/gomega"
)

type registry struct{ plugins map[string]int }

var _ = Describe("Device plugins", func() {
	var r *registry

	BeforeEach(func() {
		r = &registry{plugins: map[string]int{"kvm": 1}}
	})

	It("registers the kvm plugin", func() {
		Expect(r.plugins).To(HaveKey("kvm"))
	})

	Context("when restarting", func() {
		It("keeps the generation", func() {
			var wg sync.WaitGroup
			wg.Add(2)
			go func() { defer wg.Done(); r.plugins["kvm"] = 2 }()
			go func() { defer wg.Done(); r.plugins["kvm"] = 3 }()
			wg.Wait()
			Expect(r.plugins["kvm"]).To(BeNumerically(">", 1))
		})

		It("restarts within the deadline", func() {
			start := time.Now()
			time.Sleep(2 * time.Millisecond)
			Expect(time.Since(start)).To(BeNumerically("<", time.Millisecond))
		})
	})

	It("counts two plugins", func() {
		Expect(r.plugins).To(HaveLen(2))
	})

	It("is skipped on this runner", func() {
		Skip("needs /dev/vfio")
	})
})
