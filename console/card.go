package console

import "github.com/gofiber/fiber/v2"

// cardRoutes mounts this area's pages (its helper fills them in).
func (c *Console) cardRoutes(r fiber.Router) {}
