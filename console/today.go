package console

import "github.com/gofiber/fiber/v2"

// todayRoutes mounts this area's pages (its helper fills them in).
func (c *Console) todayRoutes(r fiber.Router) {}
