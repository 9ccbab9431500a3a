package console

import "github.com/gofiber/fiber/v2"

// phoneRoutes mounts this area's pages (its helper fills them in).
func (c *Console) phoneRoutes(r fiber.Router) {}
